import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { auditWindow } from '../../../checks/audit';
import { athenaSource, athenaTrailEvents } from '../../../checks/handlers/athena-source';
import { runCheckFunction, windowDays } from '../../../checks/handlers/check-run';
import { optionalEnv, requireEnv } from '../../../checks/handlers/environment';
import type { InputRecord } from '../../../checks/report-model';
import { staleAccess } from '../../../checks/rules/stale-access';
import { fakeClock } from '../collect/fake-clock';
import { config } from '../helpers';

const athena = mockClient(AthenaClient);
beforeEach(() => athena.reset());
const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 2);

describe('the handlers’ environment', () => {
  test('requireEnv: set is the value; absent or empty names the variable', () => {
    expect(requireEnv('X', { X: 'v' })).toBe('v');
    for (const env of [{}, { X: '' }]) expect(() => requireEnv('X', env)).toThrow(new Error('environment variable X is not set (the stack sets it; was the function deployed by hand?)'));
  });

  test('optionalEnv: empty is absent', () => {
    expect(optionalEnv('X', { X: 'v' })).toBe('v');
    expect(optionalEnv('X', { X: '' })).toBeUndefined();
    expect(optionalEnv('X', {})).toBeUndefined();
  });

  test('windowDays: 30 by default, a whole number of days at least 1, else named', () => {
    expect(windowDays({})).toBe(30);
    expect(windowDays({ WINDOW_DAYS: '' })).toBe(30);
    expect(windowDays({ WINDOW_DAYS: '1' })).toBe(1);
    expect(windowDays({ WINDOW_DAYS: '90' })).toBe(90);
    for (const raw of ['0', '-1', '1.5', 'thirty']) expect(() => windowDays({ WINDOW_DAYS: raw })).toThrow(new Error(`environment variable WINDOW_DAYS must be a whole number of days, got ${JSON.stringify(raw)}`));
  });

  test('athenaSource: the account, the budget in milliseconds, the cutoff only when set', () => {
    expect(athenaSource({ TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540' })).toEqual({ account: '111122223333', budgetMs: 540_000 });
    expect(athenaSource({ TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '1', ATHENA_BYTES_SCANNED_CUTOFF: '10000000' })).toEqual({ account: '111122223333', budgetMs: 1000, bytesScannedCutoff: 10_000_000 });
    expect(() => athenaSource({ ATHENA_BUDGET_SECONDS: '540' })).toThrow(/environment variable TRAIL_ACCOUNT_ID is not set/);
    expect(() => athenaSource({ TRAIL_ACCOUNT_ID: '111122223333' })).toThrow(/environment variable ATHENA_BUDGET_SECONDS is not set/);
    for (const raw of ['0', '-5', '2.5', 'lots', '9007199254740993']) {
      expect(() => athenaSource({ TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: raw })).toThrow(new Error(`environment variable ATHENA_BUDGET_SECONDS must be a whole number, got ${JSON.stringify(raw)}`));
      expect(() => athenaSource({ TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540', ATHENA_BYTES_SCANNED_CUTOFF: raw })).toThrow(new Error(`environment variable ATHENA_BYTES_SCANNED_CUTOFF must be a whole number, got ${JSON.stringify(raw)}`));
    }
  });
});

describe('athenaTrailEvents', () => {
  const env = { TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '3', ATHENA_BYTES_SCANNED_CUTOFF: '500' };
  const client = () => new AthenaClient({ region: 'us-east-1' });
  const wholeGap = [{ from: '2026-11-18', to: '2026-11-20' }];

  test('no environment: error naming the variable, every day a gap, no query', async () => {
    const inputs: InputRecord[] = [];
    const got = await athenaTrailEvents(client(), window, inputs, undefined, {}, fakeClock());
    expect(got).toEqual({ ok: false, error: expect.stringMatching(/^environment variable TRAIL_ACCOUNT_ID is not set/), coverage: expect.objectContaining({ gaps: wholeGap }) });
    expect(inputs).toEqual([]);
    expect(athena.calls()).toHaveLength(0);
  });

  test('an account id that is not one: error naming the variable, no query', async () => {
    const got = await athenaTrailEvents(client(), window, [], undefined, { ...env, TRAIL_ACCOUNT_ID: "1' OR '1'='1" }, fakeClock());
    expect(got).toEqual({ ok: false, error: `environment variable TRAIL_ACCOUNT_ID: account id "1' OR '1'='1" is not valid in a query`, coverage: expect.objectContaining({ gaps: wholeGap }) });
    expect(athena.calls()).toHaveLength(0);
  });

  test('the account’s partitions in the workgroup, polls on the clock until the budget from the clock’s start, the cutoff named', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED' }, Statistics: { DataScannedInBytes: 500 } } });
    const inputs: InputRecord[] = [];
    const got = await athenaTrailEvents(client(), window, inputs, undefined, env, fakeClock(10_000));
    const calls = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.WorkGroup)).toEqual(['coding-env-audit', 'coding-env-audit']);
    expect(calls[0].QueryString).toContain(`"account" IN ('111122223333')`);
    expect(got).toMatchObject({ ok: false, error: expect.stringContaining("CANCELLED by the workgroup's bytes-scanned cap after 500 bytes") });
    expect(inputs.map((i) => i.kind)).toEqual(['cloudtrail-athena-coverage', 'cloudtrail-athena-events']);

    athena.reset();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q2' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});
    athena.on(GetQueryResultsCommand).resolves({});
    const clock = fakeClock(10_000);
    const slow = await athenaTrailEvents(client(), window, [], undefined, env, clock);
    expect(slow).toMatchObject({ ok: false, error: expect.stringContaining('when the time budget ran out') });
    // A 3 s budget from the clock's start at 10 s: polls at 10, 11, 12 and 13 s; a fourth wait would end past it.
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });
});

describe('runCheckFunction', () => {
  const check = staleAccess;
  test('an event without a valid start: error naming the field, nothing collected', async () => {
    let collected = false;
    const result = await runCheckFunction(check, { startedAt: 'yesterday' }, config(), async () => {
      collected = true;
      return {};
    });
    expect(result).toEqual({ check: 'stale-access', status: 'error', error: expect.stringMatching(/^invalid input from the state machine: startedAt: /), findings: [], inputs: [] });
    expect(collected).toBe(false);
  });

  test('evidence it does not collect is unavailable, never empty: the check is error and says what was not collected', async () => {
    const result = await runCheckFunction(check, { startedAt: '2026-11-20T12:00:00.000Z' }, config(), async () => ({}));
    expect(result.status).toBe('error');
    // It reads events (used-after-departure): none collected, the whole window is a gap.
    expect(result.coverage?.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20' }]);
    expect(Object.keys(result.completeness ?? {})).toEqual([...check.needs]);
  });
});
