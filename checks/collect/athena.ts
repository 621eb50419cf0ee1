import { createHash } from 'node:crypto';
import {
  type AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { ATHENA_NAMES } from '../athena/names';
import { auditEventsQuery, coverageQuery, type InvestigationSubjectSql, investigationQuery, type QueryWindow } from '../athena/sql';
import { EventSink, type IngestTally } from '../evidence/event-sink';
import type { Evidence } from '../model/audit-model';
import { type Coverage, computeCoverage } from '../model/completeness';
import type { AuditEvent } from '../model/events';
import type { InputRecord } from '../report-model';
import { describeAwsFailure } from './aws-failure';
import { paginate, PaginationError } from './paginate';

/** 1,000 rows a page: a hundred million rows, finite for a server that never stops. */
export const ATHENA_RESULT_PAGE_CAP = 100_000;

export interface AthenaRunOptions {
  readonly client: AthenaClient;
  /** @default 'coding-env-audit' */
  readonly workGroup?: string;
  /** Between polls of GetQueryExecution. @default 1000 */
  readonly pollIntervalMs?: number;
  /** Polls before the query is stopped and reported as not finished. @default 900 (15 minutes at 1 s) */
  readonly maxPolls?: number;
  readonly maxPages?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A query that did not give its whole result: the events it was for are `error`. */
export class AthenaQueryError extends Error {}

export interface QueryResult {
  readonly queryExecutionId: string;
  readonly columns: string[];
  /** Rows by column name; a NULL is absent. */
  readonly rows: Record<string, string | undefined>[];
  readonly bytesScanned?: number;
  /** Pages read, and the problem when the pages stopped early (rows holds what was read). */
  readonly pages: number;
  readonly problem?: string;
}

const sleeper = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs one query in the workgroup: StartQueryExecution, GetQueryExecution until it ends,
 * GetQueryResults page by page (token loops and page caps stop it). FAILED, CANCELLED (the
 * workgroup's bytes-scanned cap cancels a query) and a query that never ends throw
 * AthenaQueryError naming the state and Athena's error type, never its message (which may
 * quote the query's values).
 */
export async function runAthenaQuery(sql: string, options: AthenaRunOptions): Promise<QueryResult> {
  const { client } = options;
  const sleep = options.sleep ?? sleeper;
  const workGroup = options.workGroup ?? ATHENA_NAMES.workGroup;
  const started = await client.send(new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: workGroup }));
  const id = started.QueryExecutionId;
  if (!id) throw new AthenaQueryError('StartQueryExecution returned no query execution id');
  let bytesScanned: number | undefined;
  for (let poll = 0; ; poll++) {
    const { QueryExecution: q } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const state = q?.Status?.State;
    bytesScanned = q?.Statistics?.DataScannedInBytes;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED') {
      const err = q?.Status?.AthenaError;
      throw new AthenaQueryError(`Athena query ${id} FAILED${err?.ErrorType !== undefined ? ` (error type ${err.ErrorType}${err.ErrorCategory !== undefined ? `, category ${err.ErrorCategory}` : ''})` : ''}: the events were not read`);
    }
    if (state === 'CANCELLED') {
      const capped = /bytes scanned|BytesScannedCutoff|data scanned limit/i.test(q?.Status?.StateChangeReason ?? '');
      throw new AthenaQueryError(
        capped
          ? `Athena query ${id} was CANCELLED by the workgroup's bytes-scanned cap${bytesScanned !== undefined ? ` after ${bytesScanned} bytes` : ''}: shorten the window or raise bytesScannedCutoffPerQuery`
          : `Athena query ${id} was CANCELLED before it finished: the events were not read`,
      );
    }
    if (poll + 1 >= (options.maxPolls ?? 900)) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      throw new AthenaQueryError(`Athena query ${id} was still ${state ?? 'in an unknown state'} after ${poll + 1} polls; stopped it`);
    }
    await sleep(options.pollIntervalMs ?? 1000);
  }

  let columns: string[] = [];
  const rows: Record<string, string | undefined>[] = [];
  let pages = 0;
  let problem: string | undefined;
  try {
    pages = await paginate<GetQueryResultsCommandOutput>(
      {
        what: `GetQueryResults of Athena query ${id}`,
        maxPages: options.maxPages ?? ATHENA_RESULT_PAGE_CAP,
        fetch: (token) => client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 })),
        next: (page) => page.NextToken,
      },
      (page, index) => {
        if (index === 0) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
        // A SELECT's first row is its header.
        const data = (page.ResultSet?.Rows ?? []).slice(index === 0 ? 1 : 0);
        for (const row of data) rows.push(Object.fromEntries(columns.map((c, i) => [c, row.Data?.[i]?.VarCharValue])));
      },
    );
  } catch (err) {
    if (!(err instanceof PaginationError)) problem = `GetQueryResults of Athena query ${id}: ${describeAwsFailure(err)}`;
    else problem = err.message;
  }
  return { queryExecutionId: id, columns, rows, bytesScanned, pages, ...(problem ? { problem } : {}) };
}

/** A result row of the event queries back into the CloudTrail record it was selected from. */
export function rowToRecord(row: Record<string, string | undefined>): Record<string, unknown> {
  const bucket = row.bucket_name;
  const key = row.object_key;
  return {
    eventID: row.eventid,
    eventTime: row.eventtime,
    eventName: row.eventname,
    eventSource: row.eventsource,
    sourceIPAddress: row.sourceipaddress,
    userAgent: row.useragent,
    errorCode: row.errorcode,
    vpcEndpointId: row.vpcendpointid,
    vpcEndpointAccountId: row.vpcendpointaccountid,
    recipientAccountId: row.recipientaccountid,
    userIdentity: { type: row.identity_type, arn: row.identity_arn, userName: row.user_name, accessKeyId: row.access_key_id, invokedBy: row.invoked_by },
    ...(bucket !== undefined || key !== undefined || row.model_id !== undefined || row.request_user_id !== undefined ? { requestParameters: { bucketName: bucket, key, modelId: row.model_id, userId: row.request_user_id } } : {}),
    ...(row.console_login !== undefined ? { responseElements: { ConsoleLogin: row.console_login } } : {}),
    ...(row.mfa_used !== undefined ? { additionalEventData: { MFAUsed: row.mfa_used } } : {}),
  };
}

export interface AthenaEvidence {
  readonly events: Evidence<readonly AuditEvent[]>;
  readonly coverage: Coverage;
  readonly inputs: InputRecord[];
}

/**
 * The event checks' evidence from Athena: the coverage query (events per account and day) and
 * the selection query, rows normalised as log-file records are (same de-duplication, conflicts
 * and window) and filtered by `keep`. Any query not read whole makes the events `error` input
 * (fail closed through the completeness model); what was read is still handed to the rules.
 */
export function collectAthenaEvents(args: AthenaRunOptions & { readonly window: QueryWindow; readonly keep?: (e: AuditEvent) => boolean }): Promise<AthenaEvidence> {
  return collectAthenaSelection(args, auditEventsQuery(args.window));
}

/** `investigate --athena`: the subject's PHI data events in the window, with the window's coverage, as collectAthenaEvents. */
export function collectAthenaInvestigation(args: AthenaRunOptions & { readonly window: QueryWindow; readonly phiBucket: string; readonly subject: InvestigationSubjectSql }): Promise<AthenaEvidence> {
  return collectAthenaSelection(args, investigationQuery(args.window, args.phiBucket, args.subject));
}

async function collectAthenaSelection(args: AthenaRunOptions & { readonly window: QueryWindow; readonly keep?: (e: AuditEvent) => boolean }, selection: string): Promise<AthenaEvidence> {
  const { window } = args;
  const inputs: InputRecord[] = [];
  const problems: string[] = [];
  const run = async (kind: string, sql: string): Promise<QueryResult | undefined> => {
    try {
      const result = await runAthenaQuery(sql, args);
      const sha256 = createHash('sha256').update(JSON.stringify(result.rows)).digest('hex');
      inputs.push({ source: `athena:${args.workGroup ?? ATHENA_NAMES.workGroup}:${result.queryExecutionId}`, kind, status: result.problem ? 'partial' : 'read', records: result.rows.length, sha256, ...(result.problem ? { problem: result.problem } : {}) });
      if (result.problem) problems.push(result.problem);
      return result;
    } catch (err) {
      const problem = err instanceof AthenaQueryError ? err.message : `Athena: ${describeAwsFailure(err)}`;
      inputs.push({ source: `athena:${args.workGroup ?? ATHENA_NAMES.workGroup}:${kind}`, kind, status: 'skipped', records: 0, sha256: '', problem });
      problems.push(problem);
      return undefined;
    }
  };
  const coverageRows = await run('athena-coverage', coverageQuery(window));
  const seen = new Map<string, Set<string>>();
  for (const row of coverageRows?.rows ?? []) {
    if (row.account === undefined || row.utc_day === undefined || Number(row.events ?? 0) <= 0) continue;
    const days = seen.get(row.account) ?? new Set<string>();
    days.add(row.utc_day);
    seen.set(row.account, days);
  }
  const coverage = computeCoverage(window.from, window.to, seen);
  const selected = await run('athena-events', selection);
  if (selected === undefined) return { events: { ok: false, error: problems.join('; ') }, coverage, inputs };
  const sink = new EventSink({ from: window.from, to: window.to, days: 0 }, args.keep);
  const tally: IngestTally = { records: 0, bad: 0, source: inputs[inputs.length - 1].source };
  selected.rows.forEach((row, i) => sink.add(rowToRecord(row), i, (n) => `${tally.source} row ${n + 1}`, tally));
  if (tally.bad > 0) problems.push(`${tally.source}: ${tally.bad} row(s) rejected (first: ${tally.firstProblem})`);
  problems.push(...sink.conflicts());
  return { events: { ok: true, value: sink.events(), ...(problems.length ? { problems } : {}) }, coverage, inputs };
}
