import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { auditWindow } from '../../../checks/audit';
import { createHash } from 'node:crypto';
import { AthenaQueryError, collectAthenaEvents, collectAthenaInvestigation, rowToRecord, runAthenaQuery } from '../../../checks/collect/athena';
import { FAULTS } from './aws-faults';
import { runChecks } from '../../../checks/engine';
import { loadEvidenceDir } from '../../../checks/evidence/evidence-dir';
import { relevantEvents } from '../../../checks/rules/relevance';
import { config } from '../helpers';
import { asRow, COLUMNS, COVERAGE_COLUMNS, exampleRecords, pages } from './athena-rows';

const athena = mockClient(AthenaClient);
const client = new AthenaClient({ region: 'us-east-1' });
const window = { ...auditWindow(new Date('2026-11-20T12:00:00Z'), 30), accounts: ['111122223333'] };
const noSleep = async () => undefined;
function serve(results: Record<string, ReturnType<typeof pages>>) {
  athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => ({ QueryExecutionId: input.QueryString.includes('GROUP BY') ? 'cov' : 'ev' }));
  athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: string; NextToken?: string }) => {
    const list = results[input.QueryExecutionId];
    const index = input.NextToken === undefined ? 0 : list.findIndex((_, i) => i > 0 && list[i - 1].NextToken === input.NextToken);
    return list[index];
  });
}

beforeEach(() => athena.reset());

const row = (over: Record<string, string>) => ({ eventid: 'e1', eventtime: '2026-11-12T15:05:00Z', eventname: 'GetObject', eventsource: 's3.amazonaws.com', sourceipaddress: '198.51.100.3', useragent: 'aws-cli/2', recipientaccountid: '111122223333', identity_type: 'IAMUser', user_name: 'jdoe', ...over });
const DAYS: string[] = [];
for (let t = window.from.getTime(); t <= window.to.getTime(); t += 86_400_000) DAYS.push(new Date(t).toISOString().slice(0, 10));
/** The coverage query's answer: one event on every day of the window (the filler rows below). */
const everyDay = () => DAYS.map((utc_day) => ({ account: '111122223333', utc_day, events: '1' }));
/** The events the coverage counts: one read-only call a day (the rules keep none of them). */
const filler = () => DAYS.map((d) => row({ eventid: `day-${d}`, eventtime: `${d}T12:30:00Z`, eventname: 'DescribeInstances', eventsource: 'ec2.amazonaws.com', identity_type: 'AssumedRole', user_name: '' }));

describe('Athena client path', () => {
  test('start in the workgroup, poll until SUCCEEDED, read every page; rows become the rules’ events', async () => {
    let polls = 0;
    athena.on(GetQueryExecutionCommand).callsFake(() => ({ QueryExecution: { Status: { State: ++polls % 3 === 0 ? 'SUCCEEDED' : polls % 3 === 1 ? 'QUEUED' : 'RUNNING' }, Statistics: { DataScannedInBytes: 1024 } } }));
    serve({
      cov: pages(COVERAGE_COLUMNS, everyDay()),
      ev: pages(COLUMNS, [row({ eventid: 'a', bucket_name: 'examplecoding-phi-records', object_key: 'cardiology/P1/x.pdf' }), row({ eventid: 'b', errorcode: 'AccessDenied' }), row({ eventid: 'c', eventname: 'ConsoleLogin', eventsource: 'signin.amazonaws.com', console_login: 'Failure' }), row({ eventid: 'd' }), ...filler()]),
    });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(athena.commandCalls(StartQueryExecutionCommand).every((c) => c.args[0].input.WorkGroup === 'coding-env-audit')).toBe(true);
    expect(athena.commandCalls(GetQueryResultsCommand).length).toBe(pages(COVERAGE_COLUMNS, everyDay()).length + pages(COLUMNS, [...filler(), ...'abcd'].map(() => ({}))).length);
    expect(r.coverage.gaps).toEqual([]);
    expect(r.events.ok && r.events.problems).toBeFalsy();
    const events = (r.events.ok ? r.events.value : []).filter((e) => !e.id.startsWith('day-'));
    expect(events.map((e) => [e.id, e.success, e.bucket, e.key])).toEqual([
      ['a', true, 'examplecoding-phi-records', 'cardiology/P1/x.pdf'],
      ['b', false, undefined, undefined],
      ['c', false, undefined, undefined],
      ['d', true, undefined, undefined],
    ]);
    expect(r.inputs.map((i) => [i.kind, i.status, i.records])).toEqual([['cloudtrail-athena-coverage', 'read', everyDay().length], ['cloudtrail-athena-events', 'read', 4 + DAYS.length]]);
  });

  test('a FAILED query: the events are error, naming the error type, never Athena’s message', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED', StateChangeReason: "line 1: 'P100234' secret", AthenaError: { ErrorCategory: 2, ErrorType: 1301 } } } });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.events.ok).toBe(false);
    const error = r.events.ok ? '' : r.events.error;
    expect(error).toContain('FAILED (error type 1301, category 2)');
    expect(error).not.toContain('P100234');
    expect(r.inputs.every((i) => i.status === 'skipped')).toBe(true);
    expect(r.coverage.gaps.length).toBeGreaterThan(0);
  });

  test('a CANCELLED query, and one cancelled by the bytes-scanned cap: error, saying which', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Query cancelled by user' } } });
    const cancelled = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(cancelled.events.ok ? '' : cancelled.events.error).toContain('was CANCELLED before it finished');
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Bytes scanned limit was exceeded' }, Statistics: { DataScannedInBytes: 107374182400 } } });
    const capped = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(capped.events.ok ? '' : capped.events.error).toContain("CANCELLED by the workgroup's bytes-scanned cap after 107374182400 bytes");
  });

  test('a query that never ends is stopped after the poll cap and is error', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});
    const r = await collectAthenaEvents({ client, window, sleep: noSleep, maxPolls: 5 });
    expect(r.events.ok ? '' : r.events.error).toContain('still RUNNING after 5 polls');
    expect(athena.commandCalls(StopQueryExecutionCommand).length).toBe(2);
  });

  test('a results paginator that repeats its token: partial, what was read kept, the events error', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const ev = pages(COLUMNS, [row({ eventid: 'a' }), row({ eventid: 'b' }), row({ eventid: 'c' }), ...filler()], 2);
    ev[1] = { ...ev[1], NextToken: 't2' };
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.events.ok).toBe(true);
    expect(r.events.ok && r.events.problems?.join(' ')).toContain('repeated a pagination token');
    expect(r.inputs.find((i) => i.kind === 'cloudtrail-athena-events')?.status).toBe('partial');
    const engine = runChecks({ credentialReport: { ok: false, error: 'n/a' }, authorization: { ok: false, error: 'n/a' }, events: r.events, coverage: r.coverage }, config(), window, r.inputs);
    expect(engine.checks.find((c) => c.check === 'access-anomaly')?.status).toBe('error');
  });

  test('a result shorter than the coverage counted (pages that end early without a word): partial, the events error', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev: pages(COLUMNS, filler().slice(0, -3)) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    const problem = `GetQueryResults of Athena query ev: ${DAYS.length - 3} row(s) read, but the window holds ${DAYS.length} event(s) (coverage query cov); the result is incomplete`;
    expect(r.events.ok && r.events.problems).toEqual([problem]);
    expect(r.inputs.find((i) => i.kind === 'cloudtrail-athena-events')).toMatchObject({ status: 'partial', records: DAYS.length - 3, problem });
    // More rows than counted is a file delivered between the two queries, not a loss.
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev: pages(COLUMNS, [...filler(), row({ eventid: 'late' })]) });
    const late = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(late.events.ok && late.events.problems).toBeFalsy();
  });

  test('a row the normaliser rejects: partial input naming the row, the events error', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev: pages(COLUMNS, [...filler(), row({ eventid: 'bad', eventtime: 'yesterday' })]) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.events.ok && r.events.problems?.join(' ')).toMatch(/^athena:coding-env-audit:ev: 1 row\(s\) rejected \(first: athena:coding-env-audit:ev row \d+: /);
    expect(r.inputs.find((i) => i.kind === 'cloudtrail-athena-events')).toMatchObject({ status: 'partial', records: DAYS.length });
  });

  test('the time budget: a query still running at the deadline is stopped; pages not read by then leave the result partial', async () => {
    let clock = 0;
    const now = () => clock;
    const tick = async (ms: number) => {
      clock += ms;
    };
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});
    const running = await collectAthenaEvents({ client, window, sleep: tick, now, deadline: 10_500, pollIntervalMs: 1000 });
    expect(running.events.ok ? '' : running.events.error).toContain('Athena query q1 was still RUNNING when the time budget ran out; stopped it');
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input.QueryExecutionId)).toEqual(['q1', 'q1']);
    // The first query polled until the budget ran out (t = 0 s .. 10 s); the second is stopped at its first poll.
    expect(athena.commandCalls(GetQueryExecutionCommand).length).toBe(11 + 1);

    athena.reset();
    clock = 0;
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => ({ QueryExecutionId: input.QueryString.includes('GROUP BY') ? 'cov' : 'ev' }));
    // Every page takes a second: the coverage page ends at 1 s, events pages at 2, 3 and 4 s; the fourth is not fetched past 3.5 s.
    const results = { cov: pages(COVERAGE_COLUMNS, everyDay(), 40), ev: pages(COLUMNS, filler(), 5) };
    athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: 'cov' | 'ev'; NextToken?: string }) => {
      clock += 1000;
      const list = results[input.QueryExecutionId];
      return input.NextToken === undefined ? list[0] : list[list.findIndex((p) => p.NextToken === input.NextToken) + 1];
    });
    const paged = await collectAthenaEvents({ client, window, sleep: tick, now, deadline: 3_500 });
    expect(paged.inputs.find((i) => i.kind === 'cloudtrail-athena-events')).toMatchObject({ status: 'partial', problem: 'GetQueryResults of Athena query ev: the time budget ran out after 3 page(s); the result is incomplete' });
    expect(paged.events.ok && paged.events.problems).toEqual(['GetQueryResults of Athena query ev: the time budget ran out after 3 page(s); the result is incomplete']);
  });

  test('rows handed to a sink as their pages arrive are not kept; the count and SHA-256 are the same either way', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    serve({ ev: pages(COLUMNS, filler(), 4) });
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'ev' });
    const kept = await runAthenaQuery('SELECT 1', { client, sleep: noSleep });
    const seen: string[] = [];
    const streamed = await runAthenaQuery('SELECT 1', { client, sleep: noSleep }, (r, i, id) => seen.push(`${id}:${i}:${r.eventid}`));
    expect(streamed.rows).toEqual([]);
    expect(seen).toEqual(filler().map((r, i) => `ev:${i}:${r.eventid}`));
    expect([streamed.rowCount, streamed.sha256, streamed.pages]).toEqual([kept.rowCount, kept.sha256, kept.pages]);
    expect(kept.rows.map((r) => r.eventid)).toEqual(filler().map((r) => r.eventid));
    expect(kept.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a CANCELLED query that scanned the workgroup cap is named as capped, whatever the reason text', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED' }, Statistics: { DataScannedInBytes: 10_000_001 } } });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep, bytesScannedCutoff: 10_000_000 });
    expect(r.events.ok ? '' : r.events.error).toContain("CANCELLED by the workgroup's bytes-scanned cap after 10000001 bytes");
  });

  test('StartQueryExecution denied: skipped inputs, the events unavailable, AWS’s words only', async () => {
    athena.on(StartQueryExecutionCommand).rejects(Object.assign(new Error('User: arn:aws:sts::111122223333:assumed-role/x is not authorized to perform: athena:StartQueryExecution'), { name: 'AccessDeniedException' }));
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.events.ok).toBe(false);
    expect(r.inputs.map((i) => [i.kind, i.status])).toEqual([['cloudtrail-athena-coverage', 'skipped'], ['cloudtrail-athena-events', 'skipped']]);
    expect(r.inputs[0].problem).toMatch(/^Athena: access denied \(AccessDeniedException\)/);
  });

  test('days the coverage query finds no event on are gaps: the event checks are error', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay().filter((d) => d.utc_day !== '2026-11-01')), ev: pages(COLUMNS, filler().filter((r) => !r.eventtime.startsWith('2026-11-01'))) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.coverage.gaps).toEqual([{ from: '2026-11-01', to: '2026-11-01' }]);
  });
});


test('the rows the queries select from the example evidence give the same findings as the offline audit', async () => {
  const c = config();
  const offline = await loadEvidenceDir('test/fixtures/evidence/example', { window, keep: relevantEvents(c) });
  const expected = runChecks(offline.model, c, window, offline.inputs);

  const records = exampleRecords();
  const rows = records.map((r) => asRow(r, window.from, window.to)).filter((r) => r !== undefined);
  const perDay = new Map<string, number>();
  for (const r of records) {
    const t = String(r.eventTime);
    if (t >= `${window.from.toISOString().slice(0, 19)}Z` && t <= `${window.to.toISOString().slice(0, 19)}Z`) perDay.set(t.slice(0, 10), (perDay.get(t.slice(0, 10)) ?? 0) + 1);
  }
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  serve({
    cov: pages(COVERAGE_COLUMNS, [...perDay].map(([utc_day, n]) => ({ account: '111122223333', utc_day, events: String(n) }))),
    ev: pages(COLUMNS, rows.sort((a, b) => String(a.eventtime).localeCompare(String(b.eventtime))), 7),
  });
  const viaAthena = await collectAthenaEvents({ client, window, sleep: noSleep, keep: relevantEvents(c) });
  const actual = runChecks({ ...offline.model, events: viaAthena.events, coverage: viaAthena.coverage }, c, window, viaAthena.inputs);

  expect(expected.findings.length).toBeGreaterThan(5);
  expect(actual.findings).toEqual(expected.findings);
  expect(actual.checks).toEqual(expected.checks);
  expect(actual.coverage).toEqual(expected.coverage);
});

describe('runAthenaQuery: states, bounds and pages', () => {
  const start = (id = 'q1') => athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: id });
  const state = (Status: Record<string, unknown>, Statistics?: Record<string, unknown>) => athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status, ...(Statistics ? { Statistics } : {}) } } as never);
  const run = (over: Partial<Parameters<typeof runAthenaQuery>[1]> = {}) => runAthenaQuery('SELECT 1', { client, sleep: noSleep, ...over });

  test('the query in the workgroup named, polled by its id, results asked 1000 rows at a time', async () => {
    start('q9');
    state({ State: 'SUCCEEDED' }, { DataScannedInBytes: 77 });
    athena.on(GetQueryResultsCommand).resolves(pages(['a'], [{ a: '1' }], 5)[0]);
    const r = await run({ workGroup: 'other-wg' });
    expect(athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input).toEqual({ QueryString: 'SELECT 1', WorkGroup: 'other-wg' });
    expect(athena.commandCalls(GetQueryExecutionCommand)[0].args[0].input).toEqual({ QueryExecutionId: 'q9' });
    expect(athena.commandCalls(GetQueryResultsCommand)[0].args[0].input).toEqual({ QueryExecutionId: 'q9', NextToken: undefined, MaxResults: 1000 });
    expect(r).toEqual({ queryExecutionId: 'q9', columns: ['a'], rows: [{ a: '1' }], rowCount: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytesScanned: 77, pages: 1 });
  });

  test('no query execution id: an error, nothing polled', async () => {
    athena.on(StartQueryExecutionCommand).resolves({});
    await expect(run()).rejects.toThrow(new AthenaQueryError('StartQueryExecution returned no query execution id'));
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(0);
  });

  test.each([
    [{ ErrorType: 1301 }, 'Athena query q1 FAILED (error type 1301): the events were not read'],
    [{ ErrorCategory: 2 }, 'Athena query q1 FAILED: the events were not read'],
    [undefined, 'Athena query q1 FAILED: the events were not read'],
  ])('FAILED with %j', async (AthenaError, message) => {
    start();
    state({ State: 'FAILED', ...(AthenaError ? { AthenaError } : {}) });
    await expect(run()).rejects.toThrow(new AthenaQueryError(message));
  });

  test.each(['Bytes scanned limit was exceeded', 'Query exhausted BytesScannedCutoff', 'data scanned limit reached', 'exceeded the data usage control', 'scan limit', 'scanned limit'])('CANCELLED for "%s" is the cap', async (StateChangeReason) => {
    start();
    state({ State: 'CANCELLED', StateChangeReason });
    await expect(run()).rejects.toThrow(new AthenaQueryError("Athena query q1 was CANCELLED by the workgroup's bytes-scanned cap: shorten the window or raise bytesScannedCutoffPerQuery"));
  });

  test('CANCELLED against a known cutoff: at the cutoff is the cap, below it is not', async () => {
    start();
    state({ State: 'CANCELLED' }, { DataScannedInBytes: 1000 });
    await expect(run({ bytesScannedCutoff: 1000 })).rejects.toThrow("CANCELLED by the workgroup's bytes-scanned cap after 1000 bytes");
    await expect(run({ bytesScannedCutoff: 1001 })).rejects.toThrow(new AthenaQueryError('Athena query q1 was CANCELLED before it finished: the events were not read'));
    // Bytes known, no cutoff known: the numbers say nothing.
    await expect(run()).rejects.toThrow('CANCELLED before it finished');
    state({ State: 'CANCELLED' });
    await expect(run({ bytesScannedCutoff: 0 })).rejects.toThrow('CANCELLED before it finished');
  });

  test('an unknown state is polled until the cap, then stopped, even when the stop fails', async () => {
    start();
    athena.on(GetQueryExecutionCommand).resolves({});
    athena.on(StopQueryExecutionCommand).rejects(new Error('stop failed'));
    const slept: number[] = [];
    await expect(run({ maxPolls: 2, pollIntervalMs: 30, sleep: async (ms) => void slept.push(ms) })).rejects.toThrow(new AthenaQueryError('Athena query q1 was still in an unknown state after 2 polls; stopped it'));
    expect(slept).toEqual([30]);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([{ QueryExecutionId: 'q1' }]);
    await expect(run({ maxPolls: 1 })).rejects.toThrow('after 1 polls');
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    // A query execution without a status.
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: {} });
    await expect(run({ maxPolls: 1 })).rejects.toThrow('Athena query q1 was still in an unknown state after 1 polls; stopped it');
  });

  test('the deadline: a poll that would end exactly at it still waits; one past it stops the query', async () => {
    start();
    athena.on(GetQueryExecutionCommand).resolvesOnce({ QueryExecution: { Status: { State: 'QUEUED' } } }).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves(pages(['a'], [])[0]);
    let t = 0;
    const ok = await run({ deadline: 1000, pollIntervalMs: 1000, now: () => t, sleep: async (ms) => void (t += ms) });
    expect(ok.pages).toBe(1);
    athena.on(GetQueryExecutionCommand).resolves({});
    athena.on(StopQueryExecutionCommand).resolves({});
    t = 1;
    await expect(run({ deadline: 1000, pollIntervalMs: 1000, now: () => t })).rejects.toThrow(new AthenaQueryError('Athena query q1 was still in an unknown state when the time budget ran out; stopped it: the events were not read'));
  });

  test('a results page fetched exactly at the deadline is read; past it, the result is partial', async () => {
    start();
    state({ State: 'SUCCEEDED' });
    const list = pages(['a'], [{ a: '1' }, { a: '2' }, { a: '3' }], 2);
    athena.on(GetQueryResultsCommand).callsFake((input: { NextToken?: string }) => (input.NextToken === undefined ? list[0] : list[1]));
    const atDeadline = await run({ deadline: 5, now: () => 5 });
    expect([atDeadline.rowCount, atDeadline.problem]).toEqual([3, undefined]);
    const past = await run({ deadline: 5, now: () => 6 });
    expect(past).toMatchObject({ rowCount: 0, pages: 0, problem: 'GetQueryResults of Athena query q1: the time budget ran out after 0 page(s); the result is incomplete' });
  });

  test('a results page that fails: what was read is kept, the problem names the query and AWS’s reason in our words', async () => {
    start('ev');
    state({ State: 'SUCCEEDED' });
    const list = pages(['a'], [{ a: '1' }, { a: '2' }, { a: '3' }], 2);
    athena.on(GetQueryResultsCommand).callsFake((input: { NextToken?: string }) => {
      if (input.NextToken === undefined) return list[0];
      throw FAULTS.denied('athena:GetQueryResults');
    });
    const r = await run();
    expect(r).toMatchObject({ rowCount: 1, pages: 1, rows: [{ a: '1' }], problem: 'GetQueryResults of Athena query ev: access denied (AccessDenied): not authorized to perform athena:GetQueryResults' });
  });

  test('a page without metadata or rows, and a later page’s first row (not a header), a NULL left out', async () => {
    start();
    state({ State: 'SUCCEEDED' });
    athena.on(GetQueryResultsCommand).resolvesOnce({}).resolves({});
    const empty = await run();
    expect([empty.columns, empty.rows, empty.rowCount, empty.pages]).toEqual([[], [], 0, 1]);
    const list = pages(['a', 'b'], [{ a: '1', b: 'x' }, { a: '2' }], 2);
    athena.on(GetQueryResultsCommand).callsFake((input: { NextToken?: string }) => (input.NextToken === undefined ? list[0] : { ...list[1], ResultSet: { Rows: list[1].ResultSet.Rows } }));
    const r = await run();
    expect(r.rows).toEqual([{ a: '1', b: 'x' }, { a: '2', b: undefined }]);
    expect(r.columns).toEqual(['a', 'b']);
    const nameless = await runAthenaQuery('SELECT 1', { client, sleep: noSleep }).catch(() => undefined);
    expect(nameless).toBeDefined();
  });

  test('without a sleep of its own, polls wait on a real timer of the interval', async () => {
    start();
    athena.on(GetQueryExecutionCommand).resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } }).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({});
    const timers = jest.spyOn(global, 'setTimeout');
    try {
      await runAthenaQuery('SELECT 1', { client, pollIntervalMs: 7 });
      expect(timers).toHaveBeenCalledWith(expect.any(Function), 7);
    } finally {
      timers.mockRestore();
    }
  });
});

describe('collectAthenaEvents: what the coverage rows count', () => {
  test('rows without an account or a day, or with no events, cover nothing and count nothing', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const days = everyDay();
    const odd = [{ account: '111122223333', utc_day: days[0].utc_day, events: '0' }, { utc_day: days[1].utc_day, events: '5' }, { account: '111122223333', events: '5' }, { account: '111122223333', utc_day: days[2].utc_day, events: 'many' }, { account: '111122223333', utc_day: days[3].utc_day }];
    serve({ cov: pages(COVERAGE_COLUMNS, [...odd, ...days.slice(4)]), ev: pages(COLUMNS, filler().slice(4)) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.coverage.gaps).toEqual([{ from: days[0].utc_day, to: days[3].utc_day }]);
    // Counted: the 5 and 5 of the rows without a day or an account, and the days' ones; the selection has fewer rows.
    expect(r.events.ok && r.events.problems).toEqual([`GetQueryResults of Athena query ev: ${DAYS.length - 4} row(s) read, but the window holds ${DAYS.length - 4 + 10} event(s) (coverage query cov); the result is incomplete`]);
  });

  test('exactly as many rows as counted is whole', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev: pages(COLUMNS, filler()) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(Object.keys(r.events).sort()).toEqual(['ok', 'value']);
    // The last day's filler, at 12:30, is past the window's end (noon): the sink's window drops it.
    expect(r.events.ok && r.events.value).toHaveLength(DAYS.length - 1);
    expect(r.inputs.map((i) => i.status)).toEqual(['read', 'read']);
  });

  test('a coverage result cut short: both inputs named, no shortfall claimed against a count not read whole', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const cov = pages(COVERAGE_COLUMNS, everyDay(), 10);
    cov[2] = { ...cov[2], NextToken: cov[0].NextToken } as (typeof cov)[number];
    serve({ cov, ev: pages(COLUMNS, filler().slice(0, 2)) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.inputs.map((i) => [i.kind, i.status])).toEqual([['cloudtrail-athena-coverage', 'partial'], ['cloudtrail-athena-events', 'read']]);
    expect(r.events.ok && r.events.problems).toEqual([expect.stringMatching(/^GetQueryResults of Athena query cov: the service repeated a pagination token/)]);
  });

  test('a rejected row on a result already partial: both problems on the one input, the records less the rejected', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const ev = pages(COLUMNS, [row({ eventid: 'bad', eventtime: 'yesterday' }), ...filler()], 2);
    ev[2] = { ...ev[2], NextToken: ev[0].NextToken } as (typeof ev)[number];
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    const input = r.inputs.find((i) => i.kind === 'cloudtrail-athena-events');
    expect(input?.status).toBe('partial');
    // Five rows on the three pages read, one of them rejected.
    expect(input?.records).toBe(4);
    expect(input?.problem).toMatch(/^GetQueryResults of Athena query ev: the service repeated a pagination token after 3 page\(s\); stopped rather than loop; athena:coding-env-audit:ev: 1 row\(s\) rejected \(first: athena:coding-env-audit:ev row 1: /);
  });
});

describe('collectAthenaInvestigation', () => {
  test('the subject’s query, with the window’s coverage; fewer rows than the window’s events is no shortfall', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev: pages(COLUMNS, [row({ eventid: 'a', bucket_name: 'examplecoding-phi-records', object_key: 'cardiology/P100234/x.pdf' })]) });
    const r = await collectAthenaInvestigation({ client, window, sleep: noSleep, phiBucket: 'examplecoding-phi-records', subject: { kind: 'patient', id: 'P100234' } });
    const sql = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.QueryString ?? '');
    expect(sql[1]).toContain("= 'P100234'");
    expect(r.events).toEqual({ ok: true, value: [expect.objectContaining({ id: 'a', key: 'cardiology/P100234/x.pdf' })] });
    expect(r.coverage.gaps).toEqual([]);
  });
});

describe('runAthenaQuery: rows as Athena sends them', () => {
  beforeEach(() => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  });

  test('a first page without column metadata, rows without data or shorter than the columns', async () => {
    athena.on(GetQueryResultsCommand).resolvesOnce({ ResultSet: { Rows: [{ Data: [{ VarCharValue: 'a' }] }, { Data: [{ VarCharValue: '1' }] }] } });
    expect((await runAthenaQuery('SELECT 1', { client, sleep: noSleep })).columns).toEqual([]);
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [{ Name: 'a', Type: 'varchar' }, { Type: 'varchar' } as never] }, Rows: [{}, {}, { Data: [{ VarCharValue: '1' }] }, { Data: [{}, { VarCharValue: '2' }] }] } });
    const r = await runAthenaQuery('SELECT 1', { client, sleep: noSleep });
    expect(r.columns).toEqual(['a', '']);
    expect(r.rows).toEqual([{ a: undefined, '': undefined }, { a: '1', '': undefined }, { a: undefined, '': '2' }]);
  });

  test('the SHA-256 is of the rows read, one JSON line each', async () => {
    athena.on(GetQueryResultsCommand).resolves(pages(['a', 'b'], [{ a: '1', b: 'x' }, { a: '2' }], 5)[0]);
    const r = await runAthenaQuery('SELECT 1', { client, sleep: noSleep });
    const lines = r.rows.map((row) => `${JSON.stringify(row)}\n`).join('');
    expect(r.sha256).toBe(createHash('sha256').update(lines).digest('hex'));
  });

  test('the results page cap is the caller’s', async () => {
    const list = pages(['a'], [{ a: '1' }, { a: '2' }, { a: '3' }, { a: '4' }], 2);
    athena.on(GetQueryResultsCommand).callsFake((input: { NextToken?: string }) => (input.NextToken === undefined ? list[0] : list[list.findIndex((p) => p.NextToken === input.NextToken) + 1]));
    const r = await runAthenaQuery('SELECT 1', { client, sleep: noSleep, maxPages: 2 });
    expect(r).toMatchObject({ pages: 2, rowCount: 3, problem: 'GetQueryResults of Athena query q1: more than 2 pages; stopped at the page cap, the listing is incomplete' });
  });
});

describe('rowToRecord', () => {
  const base = { eventid: 'e', eventtime: '2026-11-20T09:00:00Z' };
  test('request parameters only when one of them was selected, each alone enough', () => {
    expect(rowToRecord(base)).not.toHaveProperty('requestParameters');
    for (const [column, field] of [['bucket_name', 'bucketName'], ['object_key', 'key'], ['model_id', 'modelId'], ['request_user_id', 'userId']]) {
      const params = { bucketName: undefined, key: undefined, modelId: undefined, userId: undefined, [field]: 'v' };
      expect(rowToRecord({ ...base, [column]: 'v' }).requestParameters).toEqual(params);
    }
  });

  test('the console login result and MFA only when selected; every other column to its CloudTrail field', () => {
    expect(rowToRecord(base)).not.toHaveProperty('responseElements');
    expect(rowToRecord(base)).not.toHaveProperty('additionalEventData');
    const full = { ...base, eventname: 'ConsoleLogin', eventsource: 'signin.amazonaws.com', sourceipaddress: '198.51.100.3', useragent: 'ua', errorcode: 'E', vpcendpointid: 'vpce-1', vpcendpointaccountid: '444455556666', recipientaccountid: '111122223333', identity_type: 'IAMUser', identity_arn: 'arn:aws:iam::111122223333:user/jdoe', user_name: 'jdoe', access_key_id: 'AKIA', invoked_by: 'svc', console_login: 'Success', mfa_used: 'Yes' };
    expect(rowToRecord(full)).toEqual({
      eventID: 'e',
      eventTime: '2026-11-20T09:00:00Z',
      eventName: 'ConsoleLogin',
      eventSource: 'signin.amazonaws.com',
      sourceIPAddress: '198.51.100.3',
      userAgent: 'ua',
      errorCode: 'E',
      vpcEndpointId: 'vpce-1',
      vpcEndpointAccountId: '444455556666',
      recipientAccountId: '111122223333',
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/jdoe', userName: 'jdoe', accessKeyId: 'AKIA', invokedBy: 'svc' },
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { MFAUsed: 'Yes' },
    });
  });
});

describe('collectAthenaEvents: sources named by the workgroup', () => {
  test('a workgroup of the caller’s names every input, read or not', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    serve({ cov: pages(COVERAGE_COLUMNS, everyDay()), ev: pages(COLUMNS, filler()) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep, workGroup: 'audit-wg' });
    expect(r.inputs.map((i) => i.source)).toEqual(['athena:audit-wg:cov', 'athena:audit-wg:ev']);
    expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input.WorkGroup)).toEqual(['audit-wg', 'audit-wg']);
    athena.reset();
    athena.on(StartQueryExecutionCommand).rejects(new Error('down'));
    const failed = await collectAthenaEvents({ client, window, sleep: noSleep, workGroup: 'audit-wg' });
    expect(failed.inputs.map((i) => [i.source, i.problem])).toEqual([
      ['athena:audit-wg:cloudtrail-athena-coverage', 'Athena: down'],
      ['athena:audit-wg:cloudtrail-athena-events', 'Athena: down'],
    ]);
    expect(failed.events).toEqual({ ok: false, error: 'Athena: down; Athena: down' });
  });

  test('a negative or fractional count never lowers or muddles the count', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    const days = everyDay();
    serve({ cov: pages(COVERAGE_COLUMNS, [...days, { account: '111122223333', utc_day: days[0].utc_day, events: '-3' }, { account: '111122223333', utc_day: days[1].utc_day, events: '1.5' }]), ev: pages(COLUMNS, filler().slice(1)) });
    const r = await collectAthenaEvents({ client, window, sleep: noSleep });
    expect(r.events.ok && r.events.problems).toEqual([`GetQueryResults of Athena query ev: ${DAYS.length - 1} row(s) read, but the window holds ${DAYS.length} event(s) (coverage query cov); the result is incomplete`]);
  });
});
