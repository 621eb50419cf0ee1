/**
 * Athena SQL over `coding_env_audit.cloudtrail`, built from typed inputs only: every value is
 * checked against what AWS allows for it (12-digit account ids, region names, S3 bucket names,
 * API event names, IAM user names), refused otherwise, and written as a quoted SQL literal with
 * quotes doubled. Nothing from the config or the command line is ever pasted into the text.
 * Queries are pruned to the window's partitions (`account`, `region`, `day`) and project only
 * the columns the rules read.
 */

import { ATHENA_NAMES } from './names';

export const TABLE = `${ATHENA_NAMES.database}.${ATHENA_NAMES.table}`;

/** A value the builder refuses: the CLI reports it as bad input (exit 2). */
export class QueryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryInputError';
  }
}

const ACCOUNT_RE = /^\d{12}$/;
const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d$/;
// S3's naming rules for general purpose buckets (no uppercase, no underscores, 3-63).
const BUCKET_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const EVENT_NAME_RE = /^[A-Za-z][A-Za-z0-9]{0,127}$/;
const EVENT_SOURCE_RE = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;
// IAM user names: alphanumerics and +=,.@_- (64 at most).
const USER_NAME_RE = /^[A-Za-z0-9+=,.@_-]{1,64}$/;
// A patient id is one key segment: no slash, no control characters. No backslash in either: Trino
// reads it literally, but other SQL grammars (and node-sql-parser's, which checks our queries) take
// \' as an escaped quote, so a value holding one would mean two things; our key layout never has one.
const SEGMENT_RE = /^[^/\\\u0000-\u001f\u007f]{1,512}$/;
const KEY_PREFIX_RE = /^[^\\\u0000-\u001f\u007f]{1,1024}$/;

/** A SQL string literal: single quotes doubled. Only ever called on values already validated. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function checked(what: string, value: string, re: RegExp): string {
  if (!re.test(value)) throw new QueryInputError(`${what} ${JSON.stringify(value.slice(0, 80))} is not valid in a query`);
  return literal(value);
}

export const sqlAccount = (v: string) => checked('account id', v, ACCOUNT_RE);
export const sqlRegion = (v: string) => checked('region', v, REGION_RE);
export const sqlBucket = (v: string) => checked('bucket name', v, BUCKET_RE);
export const sqlEventName = (v: string) => checked('event name', v, EVENT_NAME_RE);
export const sqlEventSource = (v: string) => checked('event source', v, EVENT_SOURCE_RE);
export const sqlUserName = (v: string) => checked('IAM user name', v, USER_NAME_RE);
export const sqlKeySegment = (v: string) => checked('patient id', v, SEGMENT_RE);
export const sqlKeyPrefix = (v: string) => checked('key prefix', v, KEY_PREFIX_RE);

/** The window's partitions and bounds. */
export interface QueryWindow {
  readonly from: Date;
  readonly to: Date;
  /** The accounts whose archives are read (at least one: `account` is an injected partition). */
  readonly accounts: readonly string[];
  /** Regions to read; absent: every region of the table. */
  readonly regions?: readonly string[];
}

/** `yyyy/MM/dd`, the `day` partition's format, of each UTC day the window touches. */
function dayLiteral(ms: number): string {
  const d = new Date(ms).toISOString();
  return literal(`${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}`);
}

/** ISO 8601 with seconds and Z, as CloudTrail writes `eventtime`: string order is time order. */
function timeLiteral(date: Date): string {
  return literal(`${date.toISOString().slice(0, 19)}Z`);
}

/** WHERE clauses pruning to the window's partitions and bounding the event time. */
export function windowPredicates(w: QueryWindow): string[] {
  if (w.accounts.length === 0) throw new QueryInputError('a query needs at least one account id');
  // An invalid date first: compared, it would read as a window that ends before it starts.
  if (Number.isNaN(w.from.getTime()) || Number.isNaN(w.to.getTime())) throw new QueryInputError('the window is not a valid time range');
  if (w.from.getTime() > w.to.getTime()) throw new QueryInputError('the window ends before it starts');
  const clauses = [
    `"account" IN (${[...new Set(w.accounts)].map(sqlAccount).join(', ')})`,
    `"day" BETWEEN ${dayLiteral(w.from.getTime())} AND ${dayLiteral(w.to.getTime())}`,
    // Files of a day may hold a few events of the day before (delivery lags up to ~15 minutes).
    `eventtime >= ${timeLiteral(w.from)}`,
    `eventtime <= ${timeLiteral(new Date(Math.floor(w.to.getTime() / 1000) * 1000))}`,
  ];
  if (w.regions !== undefined) {
    if (w.regions.length === 0) throw new QueryInputError('an empty region list selects nothing');
    clauses.splice(1, 0, `"region" IN (${[...new Set(w.regions)].map(sqlRegion).join(', ')})`);
  }
  return clauses;
}

/**
 * The columns the rules read (cloudtrail-record's fields), named so a row maps back to a
 * CloudTrail record and goes through the same normalisation as a log file's record.
 */
export const EVENT_COLUMNS = [
  ['eventid', 'eventid'],
  ['eventtime', 'eventtime'],
  ['eventname', 'eventname'],
  ['eventsource', 'eventsource'],
  ['sourceipaddress', 'sourceipaddress'],
  ['useragent', 'useragent'],
  ['errorcode', 'errorcode'],
  ['vpcendpointid', 'vpcendpointid'],
  ['vpcendpointaccountid', 'vpcendpointaccountid'],
  ['recipientaccountid', 'recipientaccountid'],
  ['useridentity.type', 'identity_type'],
  ['useridentity.arn', 'identity_arn'],
  ['useridentity.username', 'user_name'],
  ['useridentity.accesskeyid', 'access_key_id'],
  ['useridentity.invokedby', 'invoked_by'],
  ["json_extract_scalar(requestparameters, '$.bucketName')", 'bucket_name'],
  ["coalesce(json_extract_scalar(requestparameters, '$.key'), json_extract_scalar(requestparameters, '$.Key'))", 'object_key'],
  ["json_extract_scalar(requestparameters, '$.modelId')", 'model_id'],
  ["json_extract_scalar(requestparameters, '$.userId')", 'request_user_id'],
  ["json_extract_scalar(responseelements, '$.ConsoleLogin')", 'console_login'],
  ["json_extract_scalar(additionaleventdata, '$.MFAUsed')", 'mfa_used'],
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number][1];

const SELECT_EVENTS = `SELECT ${EVENT_COLUMNS.map(([expr, alias]) => `${expr} AS ${alias}`).join(', ')}`;

/**
 * The event checks' selection: every event of the window, projected to the rules' columns.
 * Rules read events of anyone (tampering by roles or root, watched records), so the WHERE only
 * prunes partitions and bounds the time; the rules' own filter (checks/rules/relevance) runs on
 * the rows, the same filter the offline loader applies, so both paths keep the same events.
 */
export function auditEventsQuery(w: QueryWindow): string {
  return `${SELECT_EVENTS} FROM ${TABLE} WHERE ${windowPredicates(w).join(' AND ')} ORDER BY eventtime, eventid`;
}

/** Events per account and UTC day of the window: the coverage the completeness model judges. */
export function coverageQuery(w: QueryWindow): string {
  return `SELECT "account" AS account, substr(eventtime, 1, 10) AS utc_day, count(*) AS events FROM ${TABLE} WHERE ${windowPredicates(w).join(' AND ')} GROUP BY "account", substr(eventtime, 1, 10) ORDER BY account, utc_day`;
}

export type InvestigationSubjectSql = { readonly kind: 'patient'; readonly id: string } | { readonly kind: 'person'; readonly id: string } | { readonly kind: 'prefix'; readonly prefix: string };

/** `coding-env investigate --athena`: the PHI data events about the subject in the window, allowed and denied. */
export function investigationQuery(w: QueryWindow, phiBucket: string, subject: InvestigationSubjectSql): string {
  const key = "coalesce(json_extract_scalar(requestparameters, '$.key'), json_extract_scalar(requestparameters, '$.Key'))";
  const about =
    subject.kind === 'patient'
      ? `split_part(${key}, '/', 2) = ${sqlKeySegment(subject.id)} AND cardinality(split(${key}, '/')) > 2`
      : subject.kind === 'person'
        ? `useridentity.username = ${sqlUserName(subject.id)}`
        : `starts_with(${key}, ${sqlKeyPrefix(subject.prefix)})`;
  const where = [...windowPredicates(w), `eventsource = 's3.amazonaws.com'`, `json_extract_scalar(requestparameters, '$.bucketName') = ${sqlBucket(phiBucket)}`, `${key} IS NOT NULL`, about];
  return `${SELECT_EVENTS} FROM ${TABLE} WHERE ${where.join(' AND ')} ORDER BY eventtime, eventid`;
}
