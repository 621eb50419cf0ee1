import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { EXIT, main } from '../../../checks/cli/main';
import { type Report, reportSchema } from '../../../checks/report-model';
import { serveAthenaExample } from '../athena-fake';
import { fastRetriesAndSmallCaps, mocks, serveHealthy, TRAIL_BUCKET } from '../live-faults';

// `audit --live` and `audit --athena` in-process, over the healthy example account: each source
// is read the way it names (the fault matrices, live-faults and audit-athena, are not run by the
// mutation run; this is the path through main's loadSource they take).
const m = mocks();
const athena = mockClient(AthenaClient);
const sts = mockClient(STSClient);
let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'main-sources-'));
  process.env.AWS_REGION = 'us-east-1';
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
beforeEach(() => {
  serveHealthy(m);
  athena.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/hmartin' });
  serveAthenaExample(athena);
  fastRetriesAndSmallCaps();
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => jest.restoreAllMocks());

async function audit(name: string, source: string[]): Promise<{ code: number; report: Report }> {
  const dir = join(out, name);
  const args = ['audit', '--config', 'config/coding-env.json', ...source, '--register', 'test/fixtures/register/example.json', '--as-of', '2026-11-20T12:00:00Z', '--out', dir];
  const code = await main(args, new Date('2026-11-20T12:05:00Z'));
  return { code, report: reportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))) };
}

const eventInputs = (report: Report) => report.inputs.filter((i) => i.kind.startsWith('cloudtrail')).map((i) => [i.kind, i.status]);

test('--live reads the events from the account (LookupEvents and the trail archive), not Athena; exit 0', async () => {
  const { code, report } = await audit('live', ['--live', '--regions', 'us-east-1', '--trail-bucket', TRAIL_BUCKET]);
  expect(code).toBe(EXIT.ok);
  expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
  expect(report.scope).toMatchObject({ source: 'live' });
  expect(m.trail.commandCalls(LookupEventsCommand).length).toBeGreaterThan(0);
  expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  expect(eventInputs(report).filter(([kind]) => kind.startsWith('cloudtrail-athena'))).toEqual([]);
});

test('--athena reads the events through Athena in the window, not LookupEvents; exit 0', async () => {
  const { code, report } = await audit('athena', ['--athena']);
  expect(code).toBe(EXIT.ok);
  expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
  expect(m.trail.commandCalls(LookupEventsCommand)).toHaveLength(0);
  expect(athena.commandCalls(StartQueryExecutionCommand).map((c) => /"day" BETWEEN '([^']+)' AND '([^']+)'/.exec(c.args[0].input.QueryString ?? '')?.slice(1))).toEqual([
    ['2026/10/21', '2026/11/20'],
    ['2026/10/21', '2026/11/20'],
  ]);
  expect(eventInputs(report).filter(([kind]) => kind.startsWith('cloudtrail-athena'))).toEqual([
    ['cloudtrail-athena-coverage', 'read'],
    ['cloudtrail-athena-events', 'read'],
  ]);
});
