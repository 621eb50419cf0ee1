import { AthenaClient, GetQueryExecutionCommand } from '@aws-sdk/client-athena';
import { IAMClient } from '@aws-sdk/client-iam';
import { GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import { checkRunResultSchema, resultBudget } from '../../../checks/check-results';
import { writeScheduledReport } from '../../../checks/handlers/report-step';
import { type Report, reportSchema } from '../../../checks/report-model';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { realClock } from '../../../checks/collect/clock';
import { ATHENA_FAULTS, serveAthenaExample } from '../athena-fake';
import { EVENT_ITEMS, EVENTS, fastRetriesAndSmallCaps, isTrailReadFault, LIVE_FAULTS, type LiveFault, mocks, serveHealthy, TRAIL_BUCKET } from '../live-faults';
import { CHECKLIST_ITEMS } from '../../../lib/controls/catalog';
import { itemsOf, needing } from '../affected';
import { FAULTS } from '../collect/aws-faults';
import { INTEGRITY_ENV, lambdaTaskRoot, RECORDS_ENV, serveRegisterBucket } from './fake-aws';

const m = mocks();
const sns = mockClient(SNSClient);
const athena = mockClient(AthenaClient);
const config = loadConfigFile('config/coding-env.json');
const startedAt = '2026-11-20T12:00:00.000Z';

beforeAll(() => {
  Object.assign(process.env, { LAMBDA_TASK_ROOT: lambdaTaskRoot(), TRAIL_BUCKET, AUDIT_REGIONS: 'us-east-1', WINDOW_DAYS: '30', AWS_REGION: 'us-east-1', TRAIL_ACCOUNT_ID: '111122223333', ATHENA_BUDGET_SECONDS: '540', ...INTEGRITY_ENV, ...RECORDS_ENV });
});
beforeEach(() => {
  serveHealthy(m);
  // The check functions read the trail's events through Athena, answering from the same example archive.
  athena.reset();
  serveAthenaExample(athena);
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  fastRetriesAndSmallCaps();
});
afterEach(() => jest.restoreAllMocks());

/** The register bucket and the report writes, healthy; a fault applied after may damage them. */
function serveReportsBucket(): void {
  serveRegisterBucket(m.s3);
  m.s3.on(PutObjectCommand).resolves({});
}

// Each check function as deployed: its module's handler, clients built at load, the bundled config.
const handlers = async () =>
  Promise.all(ALL_CHECKS.map(async ({ check }) => ((await import(`../../../checks/handlers/${check}`)) as { handler: (e: unknown) => Promise<unknown> }).handler));

/** One scheduled run: every check Lambda, then the report step with their results, as the state machine passes them. */
async function scheduledRun(fault?: LiveFault): Promise<{ results: unknown[]; report: Report; email: string; published: string[] }> {
  serveReportsBucket();
  fault?.apply(m);
  const results = await Promise.all((await handlers()).map((handler) => handler({ check: 'ignored', startedAt })));
  // What Step Functions carries between states is JSON: the result must survive it.
  const carried = JSON.parse(JSON.stringify(results)) as unknown[];
  await writeScheduledReport(
    { mode: 'daily', executionName: 'exec-1', startedAt, results: carried },
    {
      config,
      iam: new IAMClient({ region: 'us-east-1' }),
      s3: new S3Client({ region: 'us-east-1' }),
      sns: new SNSClient({ region: 'us-east-1' }),
      windowDays: 30,
      registerBucket: RECORDS_ENV.REGISTER_BUCKET,
      registerKey: RECORDS_ENV.REGISTER_KEY,
      reportsBucket: 'reports-bucket',
      reportsPrefix: 'reports/',
      topicArn: 'arn:aws:sns:us-east-1:111122223333:compliance',
      now: () => new Date('2026-11-20T12:05:00Z'),
      renderPdf: async () => Buffer.from('%PDF-1.7 fake'),
      configSha256: 'c'.repeat(64),
      runBy: 'lambda:coding-env-report',
    },
  );
  const put = m.s3.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key?.endsWith('report.json'));
  const report = reportSchema.parse(JSON.parse(String(put?.args[0].input.Body)));
  // The report's notification is the last one published (an immediate escalation, when due, goes first).
  const published = sns.commandCalls(PublishCommand).map((c) => `${c.args[0].input.Subject}\n${c.args[0].input.Message}`);
  expect(published.length).toBeGreaterThan(0);
  return { results, report, email: published[published.length - 1], published };
}

const statusOf = (report: Report) => ({
  checks: Object.fromEntries(report.checks.map((c) => [c.check, c.status])),
  items: Object.fromEntries(report.checklist.map((i) => [i.item, i.status])),
});
// Names and addresses from the example evidence that must never reach the email.
const PRINCIPALS = [...config.people.map((p) => p.id), ...config.serviceAccounts.map((s) => s.name), '203.0.113.', '198.51.100.', 'cardiology/', 'arn:aws'];

const REGISTER = RECORDS_ENV.REGISTER_BUCKET;
/** Faults of what only the deployed functions read from AWS: the register bucket and the live integrity probe. */
const SCHEDULED_FAULTS: readonly LiveFault[] = [
  {
    // The report step reads the same object for the checklist: with no register every item is error.
    name: 'register: GetObject denied',
    apply: (f) => f.s3.on(GetObjectCommand, { Bucket: REGISTER, Key: RECORDS_ENV.REGISTER_KEY }).rejects(FAULTS.denied()),
    checks: needing('register'),
    items: CHECKLIST_ITEMS.map((i) => i.item),
    input: { source: new RegExp(`^s3://${REGISTER}/${RECORDS_ENV.REGISTER_KEY}$`), status: 'skipped', problem: /^AccessDenied$/ },
  },
  {
    name: 'AI-attestation export: KMS decrypt denied',
    apply: (f) => f.s3.on(GetObjectCommand, { Bucket: REGISTER, Key: 'ai-attestations.csv' }).rejects(FAULTS.kmsDenied()),
    checks: needing('attestations'),
    items: itemsOf(needing('attestations'), []),
    input: { source: new RegExp(`^s3://${REGISTER}/ai-attestations\\.csv$`), status: 'skipped', problem: /^AccessDenied$/ },
  },
  {
    name: 'AI-attestation export: the listing denied',
    apply: (f) => f.s3.on(ListObjectsV2Command, { Bucket: REGISTER }).rejects(FAULTS.denied('s3:ListBucket')),
    checks: needing('attestations'),
    items: itemsOf(needing('attestations'), []),
    input: { source: new RegExp(`^s3://${REGISTER}/ai-attestations\\.\\*$`), status: 'skipped', problem: /^could not be listed \(AccessDenied\)$/ },
  },
  {
    name: 'integrity probe: GetTrailStatus denied',
    apply: (f) => f.trail.on(GetTrailStatusCommand).rejects(FAULTS.denied('cloudtrail:GetTrailStatus')),
    checks: ['audit-integrity'],
    items: itemsOf(['audit-integrity'], []),
    input: { source: /^api:integrity:CodingEnv$/, status: 'skipped', problem: /GetTrailStatus/ },
  },
];

/** Queries that never finish: each function stops them when its budget (ATHENA_BUDGET_SECONDS) is spent, not when Lambda kills it. */
const ATHENA_TIMEOUT: LiveFault = {
  name: 'Athena: queries still running when the function\'s time budget is spent',
  apply: () => {
    // Time moves only when a collector waits (per function the budget is its own).
    let elapsed = 0;
    const start = Date.now();
    jest.spyOn(realClock, 'now').mockImplementation(() => start + elapsed);
    jest.spyOn(realClock, 'sleep').mockImplementation(async (ms) => {
      elapsed += ms;
    });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
  },
  checks: EVENTS,
  items: EVENT_ITEMS,
  input: { source: /^athena:coding-env-audit:cloudtrail-athena-coverage$/, status: 'skipped', problem: /^Athena query cov-\d+ was still RUNNING when the time budget ran out; stopped it/ },
};

// The healthy run, made once by whichever test needs it first: every test stands alone (a mutation
// run, or `jest -t`, picks tests by name). Its calls are not the next run's calls.
let baseline: ReturnType<typeof scheduledRun> | undefined;
async function healthyRun(): ReturnType<typeof scheduledRun> {
  baseline ??= scheduledRun().then((r) => {
    for (const client of [...Object.values(m), sns, athena]) client.resetHistory();
    return r;
  });
  return baseline;
}
const keys = (r: Report, pick: (check: string) => boolean) => r.findings.filter((f) => pick(f.check)).map((f) => `${f.check}/${f.rule}/${f.principal}`).sort();

describe('scheduled run (check Lambdas -> report step), fault matrix (CONTRACT §3a)', () => {
  test('the healthy account: every check ok, the checklist decided, the email says so', async () => {
    const { results, report, email, published } = await healthyRun();
    const healthy = statusOf(report);
    expect(results.map((r) => checkRunResultSchema.parse(r).status)).toEqual(ALL_CHECKS.map(() => 'ok'));
    expect(Object.values(healthy.items)).not.toContain('error');
    expect(email).not.toMatch(/ERROR/);
    for (const message of published) for (const secret of PRINCIPALS) expect(message).not.toContain(secret);
    // The days the check functions' events cover reach the report, as the CLI computes them.
    expect(report.coverage).toEqual({ from: '2026-10-21T12:00:00.000Z', to: '2026-11-20T12:00:00.000Z', gaps: [] });
    for (const r of results) expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThanOrEqual(resultBudget());
  });

  // The scheduled run reads the trail through Athena: LookupEvents, the archive's objects and
  // DescribeTrails are the CLI's --live alone; Athena's faults take their place.
  const faults = [...LIVE_FAULTS.filter((f) => !isTrailReadFault(f)), ...ATHENA_FAULTS.map((f): LiveFault => ({ ...f, apply: (mocked) => f.apply(athena, mocked) })), ATHENA_TIMEOUT, ...SCHEDULED_FAULTS];
  test.each(faults.map((f) => [f.name, f] as const))('%s: the scheduled report and its email say error where the CLI would', async (_name, fault) => {
    const healthyReport = (await healthyRun()).report;
    const healthy = statusOf(healthyReport);
    const { results, report, email, published } = await scheduledRun(fault);
    for (const r of results) expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThanOrEqual(resultBudget());
    const got = statusOf(report);
    for (const { check } of ALL_CHECKS) expect([check, got.checks[check]]).toEqual([check, fault.checks.includes(check) ? 'error' : healthy.checks[check]]);
    for (const item of Object.keys(healthy.items).map(Number)) expect([item, got.items[item]]).toEqual([item, fault.items.includes(item) ? 'error' : healthy.items[item]]);
    expect(report.inputs).toContainEqual(expect.objectContaining({ status: fault.input.status, source: expect.stringMatching(fault.input.source), problem: expect.stringMatching(fault.input.problem) }));
    // Incomplete evidence only hides findings, never invents them; unaffected checks report the same.
    const affected = (check: string) => fault.checks.includes(check as (typeof fault.checks)[number]);
    expect(keys(report, (c) => !affected(c))).toEqual(keys(healthyReport, (c) => !affected(c)));
    expect(new Set(keys(healthyReport, affected))).toEqual(new Set([...keys(healthyReport, affected), ...keys(report, affected)]));
    // The email: each check in error by name, the verdict incomplete, and nothing from the evidence.
    for (const check of fault.checks) expect(email).toMatch(new RegExp(`ERROR +${check}`));
    expect(email.split('\n')[0]).toMatch(/INCOMPLETE/);
    for (const message of published) for (const secret of PRINCIPALS) expect(message).not.toContain(secret);
  });
});
