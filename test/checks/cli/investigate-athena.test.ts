import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { synopsis } from '../../../checks/cli/help';
import { main } from '../../../checks/cli/main';
import * as athenaCollect from '../../../checks/collect/athena';
import { asRow, COLUMNS, COVERAGE_COLUMNS, exampleRecords, pages } from '../collect/athena-rows';

const athena = mockClient(AthenaClient);
const sts = mockClient(STSClient);
const NOW = new Date('2026-11-30T12:00:00Z');
const from = new Date('2026-10-21T00:00:00Z');
const to = new Date('2026-11-20T23:59:59.999Z');
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'investigate-athena-'));
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  jest.restoreAllMocks();
});
beforeEach(() => {
  (process.stderr.write as unknown as jest.SpyInstance).mockImplementation(() => true);
  athena.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
});

/** The table as Athena would answer from the example archive: the WHERE of the investigation query, applied by hand. */
function serveExample(patient: string, dropDay?: string) {
  const records = exampleRecords();
  const inRange = records.filter((r) => String(r.eventTime) >= '2026-10-21T00:00:00Z' && String(r.eventTime) <= '2026-11-20T23:59:59Z');
  const perDay = new Map<string, number>();
  for (const r of inRange) if (String(r.eventTime).slice(0, 10) !== dropDay) perDay.set(String(r.eventTime).slice(0, 10), (perDay.get(String(r.eventTime).slice(0, 10)) ?? 0) + 1);
  const rows = inRange
    .map((r): Record<string, string | undefined> => asRow(r, from, to) ?? {})
    .filter((r) => r.eventsource === 's3.amazonaws.com' && r.bucket_name === 'examplecoding-phi-records' && r.object_key?.split('/')[1] === patient && r.object_key.split('/').length > 2);
  athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => ({ QueryExecutionId: input.QueryString.includes('GROUP BY') ? 'cov' : 'inv' }));
  athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
  const results: Record<string, ReturnType<typeof pages>> = {
    cov: pages(COVERAGE_COLUMNS, [...perDay].map(([utc_day, n]) => ({ account: '111122223333', utc_day, events: String(n) }))),
    inv: pages(COLUMNS, rows),
  };
  athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: string; NextToken?: string }) => {
    const list = results[input.QueryExecutionId];
    return input.NextToken === undefined ? list[0] : list[list.findIndex((p) => p.NextToken === input.NextToken) + 1];
  });
}

/** What main writes on stderr from now on (the suite's spy otherwise swallows it). */
function capture(): () => string {
  let stderr = '';
  (process.stderr.write as unknown as jest.SpyInstance).mockImplementation((c: string | Uint8Array) => {
    stderr += String(c);
    return true;
  });
  return () => stderr;
}

const args = (dir: string, ...extra: string[]) => ['investigate', '--config', 'config/coding-env.json', ...extra, '--from', '2026-10-21', '--to', '2026-11-20', '--out', dir];

describe('coding-env investigate --athena', () => {
  test('the same accesses.csv as offline from the same evidence, exit 0; queries run in the workgroup', async () => {
    serveExample('P200871');
    const viaAthena = join(out, 'athena');
    expect(await main(args(viaAthena, '--athena', '--patient', 'P200871'), NOW)).toBe(0);
    const offline = join(out, 'offline');
    expect(await main(args(offline, '--evidence', 'test/fixtures/evidence/example', '--patient', 'P200871'), NOW)).toBe(0);
    const csv = readFileSync(join(viaAthena, 'accesses.csv'), 'utf8');
    expect(csv).toBe(readFileSync(join(offline, 'accesses.csv'), 'utf8'));
    expect(csv.trimEnd().split('\r\n')).toHaveLength(3);
    const queries = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
    expect(queries.every((q) => q.WorkGroup === 'coding-env-audit')).toBe(true);
    expect(queries[1].QueryString).toContain(`"account" IN ('111122223333')`);
    expect(queries[1].QueryString).toContain(`split_part(`);
    const j = JSON.parse(readFileSync(join(viaAthena, 'investigation.json'), 'utf8'));
    expect(j.inputs.map((i: { kind: string; status: string }) => [i.kind, i.status])).toEqual([['cloudtrail-athena-coverage', 'read'], ['cloudtrail-athena-events', 'read']]);
  });

  test('a day the archive has no event on: exit 4, the day named', async () => {
    serveExample('P200871', '2026-11-01');
    const dir = join(out, 'gap');
    expect(await main(args(dir, '--athena', '--patient', 'P200871'), NOW)).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, 'investigation.json'), 'utf8')).coverage.gaps).toEqual([{ from: '2026-11-01', to: '2026-11-01' }]);
  });

  test('a failed query: exit 4, incomplete, nothing invented', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q' });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'FAILED', AthenaError: { ErrorType: 1301 } } } });
    const dir = join(out, 'failed');
    expect(await main(args(dir, '--athena', '--patient', 'P200871'), NOW)).toBe(4);
    const j = JSON.parse(readFileSync(join(dir, 'investigation.json'), 'utf8'));
    expect(j.accesses).toEqual([]);
    expect(j.incomplete.join(' ')).toContain('FAILED');
  });

  test('a person id no IAM user can have is refused before any query: exit 2, with the investigate synopsis', async () => {
    const stderr = capture();
    expect(await main(args(join(out, 'bad'), '--athena', '--person', "jdoe' OR '1'='1"), NOW)).toBe(2);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
    expect(stderr()).toContain(`\n\n${synopsis('investigate')}\n`);
  });

  test('the account queried is said; an unexpected error building the query is internal (exit 3), not bad usage', async () => {
    serveExample('P200871');
    const said = capture();
    expect(await main(args(join(out, 'said'), '--athena', '--patient', 'P200871'), NOW)).toBe(0);
    expect(said()).toContain('\ncoding-env: querying Athena (workgroup coding-env-audit) over account 111122223333\n');
    const stderr = capture();
    const collect = jest.spyOn(athenaCollect, 'collectAthenaInvestigation').mockImplementation(() => {
      throw new Error('boom');
    });
    try {
      expect(await main(args(join(out, 'boom'), '--athena', '--patient', 'P200871'), NOW)).toBe(3);
    } finally {
      collect.mockRestore();
    }
    expect(stderr()).toMatch(/\ncoding-env: internal error: boom\n$/);
  });

  test('the AWS account cannot be identified: exit 2 with the reason, no query', async () => {
    let stderr = '';
    const write = process.stderr.write as unknown as jest.SpyInstance;
    write.mockImplementation((c: string | Uint8Array) => {
      stderr += String(c);
      return true;
    });
    try {
      sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' }));
      expect(await main(args(join(out, 'sts'), '--athena', '--patient', 'P200871'), NOW)).toBe(2);
      expect(stderr).toMatch(/\ncoding-env: cannot identify the AWS account \(sts:GetCallerIdentity\): .*ExpiredTokenException/);
      expect(stderr).toContain('Usage: coding-env investigate');
      stderr = '';
      sts.on(GetCallerIdentityCommand).resolves({});
      expect(await main(args(join(out, 'sts2'), '--athena', '--patient', 'P200871'), NOW)).toBe(2);
      expect(stderr).toMatch(/\ncoding-env: GetCallerIdentity returned no account: check the AWS credentials\n/);
      expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
    } finally {
      write.mockImplementation(() => true);
    }
  });

  test('exactly one of --evidence and --athena', async () => {
    expect(await main(args(join(out, 'both'), '--athena', '--evidence', 'x', '--patient', 'P1'), NOW)).toBe(2);
    expect(await main(args(join(out, 'neither'), '--patient', 'P1'), NOW)).toBe(2);
  });
});
