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
import { PAGE_CAPS, paginate, PaginationError } from './paginate';


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
  /**
   * Epoch milliseconds by which every query of the run must be read whole (a Lambda's time
   * budget): a query still running is stopped, results not read by then are incomplete.
   * @default no deadline (maxPolls bounds the wait)
   */
  readonly deadline?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /**
   * The workgroup's bytesScannedCutoffPerQuery, when known: a query CANCELLED at or past it was
   * stopped by the cap, whatever Athena's reason says.
   * @default unknown: the cap is recognised from the state change reason only
   */
  readonly bytesScannedCutoff?: number;
}

/** A query that did not give its whole result: the events it was for are `error`. */
export class AthenaQueryError extends Error {}

export interface QueryResult {
  readonly queryExecutionId: string;
  readonly columns: string[];
  /** Rows by column name; a NULL is absent. Empty when the rows were handed to `onRow` instead. */
  readonly rows: Record<string, string | undefined>[];
  /** Rows read. */
  readonly rowCount: number;
  /** SHA-256 of the rows read, each as a JSON line: the input's chain of custody. */
  readonly sha256: string;
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
export type RowSink = (row: Record<string, string | undefined>, index: number, queryExecutionId: string) => void;

/** `onRow`: each row as its page arrives, not kept (a month of events need not fit in memory at once). */
export async function runAthenaQuery(sql: string, options: AthenaRunOptions, onRow?: RowSink): Promise<QueryResult> {
  const { client } = options;
  const sleep = options.sleep ?? sleeper;
  const now = options.now ?? Date.now;
  const workGroup = options.workGroup ?? ATHENA_NAMES.workGroup;
  const started = await client.send(new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: workGroup }));
  const id = started.QueryExecutionId;
  if (!id) throw new AthenaQueryError('StartQueryExecution returned no query execution id');
  let bytesScanned: number | undefined;
  for (let poll = 0; ; poll++) {
    const { QueryExecution: q } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    const status = q?.Status;
    const state = status?.State;
    bytesScanned = q?.Statistics?.DataScannedInBytes;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED') {
      // Stryker disable next-line OptionalChaining: only reached when State was read from this status
      const err = status?.AthenaError;
      throw new AthenaQueryError(`Athena query ${id} FAILED${err?.ErrorType !== undefined ? ` (error type ${err.ErrorType}${err.ErrorCategory !== undefined ? `, category ${err.ErrorCategory}` : ''})` : ''}: the events were not read`);
    }
    if (state === 'CANCELLED') {
      const capped =
        // Stryker disable next-line OptionalChaining: only reached when State was read from this status
        /bytes scanned|BytesScannedCutoff|data scanned limit|data usage|scan(ned)? limit/i.test(status?.StateChangeReason ?? '') ||
        // Unknown bytes or no known cutoff: never at the cap by the numbers.
        (bytesScanned ?? -1) >= (options.bytesScannedCutoff ?? Number.POSITIVE_INFINITY);
      throw new AthenaQueryError(
        capped
          ? `Athena query ${id} was CANCELLED by the workgroup's bytes-scanned cap${bytesScanned !== undefined ? ` after ${bytesScanned} bytes` : ''}: shorten the window or raise bytesScannedCutoffPerQuery`
          : `Athena query ${id} was CANCELLED before it finished: the events were not read`,
      );
    }
    const interval = options.pollIntervalMs ?? 1000;
    const outOfTime = now() + interval > (options.deadline ?? Number.POSITIVE_INFINITY);
    if (outOfTime || poll + 1 >= (options.maxPolls ?? 900)) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      throw new AthenaQueryError(
        outOfTime
          ? `Athena query ${id} was still ${state ?? 'in an unknown state'} when the time budget ran out; stopped it: the events were not read`
          : `Athena query ${id} was still ${state ?? 'in an unknown state'} after ${poll + 1} polls; stopped it`,
      );
    }
    await sleep(interval);
  }

  let columns: string[] = [];
  const rows: Record<string, string | undefined>[] = [];
  const hash = createHash('sha256');
  let rowCount = 0;
  let pages = 0;
  let problem: string | undefined;
  try {
    await paginate<GetQueryResultsCommandOutput>(
      {
        what: `GetQueryResults of Athena query ${id}`,
        maxPages: options.maxPages ?? PAGE_CAPS.athenaResults,
        fetch: (token) => {
          // Pages not read by the deadline are not read: what was read is kept, the result is partial.
          if (now() > (options.deadline ?? Number.POSITIVE_INFINITY)) throw new PaginationError(`GetQueryResults of Athena query ${id}: the time budget ran out after ${pages} page(s); the result is incomplete`);
          return client.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }));
        },
        next: (page) => page.NextToken,
      },
      (page, index) => {
        pages = index + 1;
        if (index === 0) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
        // A SELECT's first row is its header.
        const data = (page.ResultSet?.Rows ?? []).slice(index === 0 ? 1 : 0);
        for (const raw of data) {
          const row = Object.fromEntries(columns.map((c, i) => [c, raw.Data?.[i]?.VarCharValue]));
          hash.update(`${JSON.stringify(row)}\n`);
          if (onRow) onRow(row, rowCount, id);
          else rows.push(row);
          rowCount += 1;
        }
      },
    );
  } catch (err) {
    if (!(err instanceof PaginationError)) problem = `GetQueryResults of Athena query ${id}: ${describeAwsFailure(err)}`;
    else problem = err.message;
  }
  return { queryExecutionId: id, columns, rows, rowCount, sha256: hash.digest('hex'), bytesScanned, pages, ...(problem ? { problem } : {}) };
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
  return collectAthenaSelection(args, auditEventsQuery(args.window), true);
}

/** `investigate --athena`: the subject's PHI data events in the window, with the window's coverage, as collectAthenaEvents. */
export function collectAthenaInvestigation(args: AthenaRunOptions & { readonly window: QueryWindow; readonly phiBucket: string; readonly subject: InvestigationSubjectSql }): Promise<AthenaEvidence> {
  return collectAthenaSelection(args, investigationQuery(args.window, args.phiBucket, args.subject));
}

/**
 * `selectsEveryEvent`: the selection has the coverage query's WHERE and nothing more, so it must
 * return at least as many rows as the coverage counted (more only when files arrived between the
 * two queries); fewer is a result cut short, whatever the pagination said.
 */
async function collectAthenaSelection(args: AthenaRunOptions & { readonly window: QueryWindow; readonly keep?: (e: AuditEvent) => boolean }, selection: string, selectsEveryEvent = false): Promise<AthenaEvidence> {
  const { window } = args;
  const inputs: InputRecord[] = [];
  const problems: string[] = [];
  const sourceOf = (id: string) => `athena:${args.workGroup ?? ATHENA_NAMES.workGroup}:${id}`;
  const run = async (kind: string, sql: string, onRow?: RowSink): Promise<QueryResult | undefined> => {
    try {
      const result = await runAthenaQuery(sql, args, onRow);
      inputs.push({ source: sourceOf(result.queryExecutionId), kind, status: result.problem ? 'partial' : 'read', records: result.rowCount, sha256: result.sha256, ...(result.problem ? { problem: result.problem } : {}) });
      if (result.problem) problems.push(result.problem);
      return result;
    } catch (err) {
      const problem = err instanceof AthenaQueryError ? err.message : `Athena: ${describeAwsFailure(err)}`;
      inputs.push({ source: `athena:${args.workGroup ?? ATHENA_NAMES.workGroup}:${kind}`, kind, status: 'skipped', records: 0, sha256: '', problem });
      problems.push(problem);
      return undefined;
    }
  };
  const coverageRows = await run('cloudtrail-athena-coverage', coverageQuery(window));
  const seen = new Map<string, Set<string>>();
  let counted = 0;
  // Stryker disable next-line ArrayDeclaration: a placeholder row would have no events, so counts nothing
  for (const row of coverageRows?.rows ?? []) {
    const events = Number(row.events ?? 0);
    // Stryker disable next-line EqualityOperator: adding a count of 0 changes nothing
    if (Number.isSafeInteger(events) && events > 0) counted += events;
    if (row.account === undefined || row.utc_day === undefined || !(events > 0)) continue;
    const days = seen.get(row.account) ?? new Set<string>();
    days.add(row.utc_day);
    seen.set(row.account, days);
  }
  const coverage = computeCoverage(window.from, window.to, seen);
  // Rows go into the sink as their pages arrive: only the events a rule keeps are held.
  const sink = new EventSink({ from: window.from, to: window.to, days: 0 }, args.keep);
  const tally: IngestTally = { records: 0, bad: 0 };
  const selected = await run('cloudtrail-athena-events', selection, (row, i, id) => {
    tally.source ??= sourceOf(id);
    sink.add(rowToRecord(row), i, (n) => `${tally.source} row ${n + 1}`, tally);
  });
  if (selected === undefined) return { events: { ok: false, error: problems.join('; ') }, coverage, inputs };
  tally.source ??= sourceOf(selected.queryExecutionId);
  const selectedInput = inputs[inputs.length - 1];
  if (selectsEveryEvent && coverageRows !== undefined && !coverageRows.problem && !selected.problem && selected.rowCount < counted) {
    const problem = `GetQueryResults of Athena query ${selected.queryExecutionId}: ${selected.rowCount} row(s) read, but the window holds ${counted} event(s) (coverage query ${coverageRows.queryExecutionId}); the result is incomplete`;
    inputs[inputs.length - 1] = { ...selectedInput, status: 'partial', problem };
    problems.push(problem);
  }
  if (tally.bad > 0) {
    const problem = `${tally.source}: ${tally.bad} row(s) rejected (first: ${tally.firstProblem})`;
    const i = inputs.findIndex((x) => x.source === tally.source);
    inputs[i] = { ...inputs[i], status: 'partial', records: inputs[i].records - tally.bad, problem: inputs[i].problem ? `${inputs[i].problem}; ${problem}` : problem };
    problems.push(problem);
  }
  problems.push(...sink.conflicts());
  return { events: { ok: true, value: sink.events(), ...(problems.length ? { problems } : {}) }, coverage, inputs };
}
