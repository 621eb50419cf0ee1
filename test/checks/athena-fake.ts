import { type AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { asRow, COLUMNS, COVERAGE_COLUMNS, exampleRecords, pages } from './collect/athena-rows';
import { FAULTS } from './collect/aws-faults';
import { EVENTS, EVENT_ITEMS, type Mocks, type LiveFault } from './live-faults';

/**
 * Athena answering from the example archive as the table would: each query's window (its
 * `eventtime` bounds) applied to the example's records, the coverage query grouped per day, the
 * selection projected as the SQL projects it. Results come in pages of `pageSize` rows.
 */
export function serveAthenaExample(athena: AwsClientStub<AthenaClient>, pageSize = 25): void {
  hooks.execution = undefined;
  hooks.results = undefined;
  const records = exampleRecords();
  const results = new Map<string, ReturnType<typeof pages>>();
  let n = 0;
  athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => {
    const sql = input.QueryString;
    const from = /eventtime >= '([^']+)'/.exec(sql)?.[1];
    const to = /eventtime <= '([^']+)'/.exec(sql)?.[1];
    if (from === undefined || to === undefined) throw new Error(`the fake table answers windowed queries only: ${sql.slice(0, 80)}`);
    const inWindow = records.filter((r) => String(r.eventTime) >= from && String(r.eventTime) <= to);
    const id = `${sql.includes('GROUP BY') ? 'cov' : 'ev'}-${(n += 1)}`;
    if (id.startsWith('cov')) {
      const perDay = new Map<string, number>();
      for (const r of inWindow) perDay.set(String(r.eventTime).slice(0, 10), (perDay.get(String(r.eventTime).slice(0, 10)) ?? 0) + 1);
      results.set(id, pages(COVERAGE_COLUMNS, [...perDay].sort().map(([utc_day, c]) => ({ account: '111122223333', utc_day, events: String(c) })), pageSize));
    } else {
      const rows = inWindow.map((r) => asRow(r, new Date(from), new Date(to)) ?? {}).sort((a, b) => String(a.eventtime).localeCompare(String(b.eventtime)));
      results.set(id, pages(COLUMNS, rows, pageSize));
    }
    return { QueryExecutionId: id };
  });
  athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => hooks.execution?.(input.QueryExecutionId) ?? { QueryExecution: { Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 4096 } } });
  athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: string; NextToken?: string }) => {
    const hooked = hooks.results?.(input.QueryExecutionId, input.NextToken);
    if (hooked !== undefined) return hooked;
    const list = results.get(input.QueryExecutionId);
    if (list === undefined) throw Object.assign(new Error('query not found'), { name: 'InvalidRequestException' });
    return input.NextToken === undefined ? list[0] : list[list.findIndex((p) => p.NextToken === input.NextToken) + 1];
  });
  athena.on(StopQueryExecutionCommand).resolves({});
}

/** Overrides of the healthy answers, per query id (`cov-N`, `ev-N`) and page token; a fault sets them. */
const hooks: { execution?: (id: string) => unknown; results?: (id: string, token: string | undefined) => unknown } = {};
const ev = (id: string) => id.startsWith('ev-');
/** Later pages of the selection answered by `page` (the first page, with the header, stays healthy). */
const laterPages = (page: () => unknown) => {
  hooks.results = (id, token) => (ev(id) && token !== undefined ? page() : undefined);
};

/** A fault of the Athena path, applied over serveAthenaExample. */
export interface AthenaFault extends Omit<LiveFault, 'apply'> {
  apply(athena: AwsClientStub<AthenaClient>, m: Mocks): void;
}

let unique = 0;
/**
 * The Athena faults (CONTRACT §3a) shared by `audit --athena` and the scheduled checks: each makes
 * every check that reads events `error`, naming the query and why, never Athena's message.
 */
export const ATHENA_FAULTS: readonly AthenaFault[] = [
  {
    name: 'Athena: StartQueryExecution denied',
    apply: (a) => a.on(StartQueryExecutionCommand).rejects(FAULTS.denied('athena:StartQueryExecution')),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:cloudtrail-athena-events$/, status: 'skipped', problem: /^Athena: access denied \(AccessDenied\): not authorized to perform athena:StartQueryExecution$/ },
  },
  {
    name: 'Athena: the selection FAILED',
    apply: () => {
      hooks.execution = (id) => (ev(id) ? { QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "SYNTAX_ERROR near 'cardiology/P100234'", AthenaError: { ErrorCategory: 2, ErrorType: 1301 } } } } : undefined);
    },
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:cloudtrail-athena-events$/, status: 'skipped', problem: /^Athena query ev-\d+ FAILED \(error type 1301, category 2\): the events were not read$/ },
  },
  {
    name: 'Athena: the selection CANCELLED',
    apply: () => {
      hooks.execution = (id) => (ev(id) ? { QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Query cancelled by user' } } } : undefined);
    },
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:cloudtrail-athena-events$/, status: 'skipped', problem: /^Athena query ev-\d+ was CANCELLED before it finished: the events were not read$/ },
  },
  {
    name: "Athena: the selection stopped by the workgroup's bytes-scanned cap",
    apply: () => {
      hooks.execution = (id) => (ev(id) ? { QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Bytes scanned limit was exceeded' }, Statistics: { DataScannedInBytes: 107374182400 } } } : undefined);
    },
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:cloudtrail-athena-events$/, status: 'skipped', problem: /^Athena query ev-\d+ was CANCELLED by the workgroup's bytes-scanned cap after 107374182400 bytes/ },
  },
  {
    name: 'Athena: the coverage query FAILED',
    apply: () => {
      hooks.execution = (id) => (id.startsWith('cov-') ? { QueryExecution: { Status: { State: 'FAILED', AthenaError: { ErrorType: 1301 } } } } : undefined);
    },
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:cloudtrail-athena-coverage$/, status: 'skipped', problem: /^Athena query cov-\d+ FAILED \(error type 1301\)/ },
  },
  {
    name: 'Athena: results repeat a pagination token',
    apply: () => laterPages(() => ({ ResultSet: { Rows: [] }, NextToken: 'again' })),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:ev-\d+$/, status: 'partial', problem: /^GetQueryResults of Athena query ev-\d+: the service repeated a pagination token/ },
  },
  {
    name: 'Athena: results past the page cap',
    apply: () => laterPages(() => ({ ResultSet: { Rows: [] }, NextToken: `page-${(unique += 1)}` })),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:ev-\d+$/, status: 'partial', problem: /^GetQueryResults of Athena query ev-\d+: more than \d+ pages; stopped at the page cap/ },
  },
  {
    name: 'Athena: results end early without a word (fewer rows than the coverage counted)',
    apply: () => laterPages(() => ({ ResultSet: { Rows: [] } })),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:ev-\d+$/, status: 'partial', problem: /^GetQueryResults of Athena query ev-\d+: \d+ row\(s\) read, but the window holds \d+ event\(s\) \(coverage query cov-\d+\); the result is incomplete$/ },
  },
  {
    name: 'Athena: GetQueryResults throttled past every retry',
    apply: () =>
      laterPages(() => {
        throw FAULTS.throttling();
      }),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^athena:coding-env-audit:ev-\d+$/, status: 'partial', problem: /^GetQueryResults of Athena query ev-\d+: throttled by AWS \(ThrottlingException\) past every retry$/ },
  },
];
