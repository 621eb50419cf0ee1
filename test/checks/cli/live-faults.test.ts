import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT, main } from '../../../checks/cli/main';
import { type Report, reportSchema } from '../../../checks/report-model';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { fastRetriesAndSmallCaps, LIVE_FAULTS, type LiveFault, mocks, serveHealthy, TRAIL_BUCKET } from '../live-faults';

const m = mocks();
let out: string;
let stderr: string[];
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'live-faults-'));
  process.env.AWS_REGION = 'us-east-1';
});
afterAll(() => rmSync(out, { recursive: true, force: true }));
beforeEach(() => {
  serveHealthy(m);
  fastRetriesAndSmallCaps();
  stderr = [];
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
});
afterEach(() => jest.restoreAllMocks());

let run = 0;
/** `coding-env audit --live` in process, against the mocked account. */
async function audit(fault?: LiveFault, extra: string[] = []): Promise<{ code: number; report: Report }> {
  const dir = join(out, `run-${(run += 1)}`);
  const trail = fault?.describeTrails ? [] : ['--trail-bucket', TRAIL_BUCKET];
  const args = ['audit', '--config', 'config/coding-env.json', '--live', '--regions', 'us-east-1', ...trail, '--register', 'test/fixtures/register/example.json', '--as-of', '2026-11-20T12:00:00Z', '--out', dir, ...extra];
  const code = await main(args, new Date('2026-11-20T12:05:00Z'));
  return { code, report: reportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))) };
}

const statusOf = (report: Report) => ({
  checks: Object.fromEntries(report.checks.map((c) => [c.check, c.status])),
  items: Object.fromEntries(report.checklist.map((i) => [i.item, i.status])),
});

// The healthy account's run, made once by whichever test needs it first: every test stands alone
// (a mutation run, or `jest -t`, picks tests by name). Its calls are not the next run's calls.
let baseline: Promise<{ code: number; report: Report }> | undefined;
async function healthyRun(): Promise<{ code: number; report: Report }> {
  baseline ??= audit().then((r) => {
    for (const client of Object.values(m)) client.resetHistory();
    stderr.length = 0;
    return r;
  });
  return baseline;
}

describe('coding-env audit --live, fault matrix (CONTRACT §3a)', () => {
  test('the healthy account: every check ok, the checklist decided, exit 0', async () => {
    const { code, report } = await healthyRun();
    const healthy = statusOf(report);
    expect(report.checks.map((c) => c.status)).toEqual(ALL_CHECKS.map(() => 'ok'));
    expect(Object.values(healthy.items)).not.toContain('error');
    expect(report.findings.length).toBeGreaterThan(0);
    expect(code).toBe(EXIT.ok);
  });

  test.each(LIVE_FAULTS.map((f) => [f.name, f] as const))('%s: its checks and items error, the others decided, the input named, exit 4', async (_name, fault) => {
    const healthyReport = (await healthyRun()).report;
    const healthy = statusOf(healthyReport);
    fault.apply(m);
    const { code, report } = await audit(fault);
    const got = statusOf(report);
    for (const { check } of ALL_CHECKS) expect([check, got.checks[check]]).toEqual([check, fault.checks.includes(check) ? 'error' : healthy.checks[check]]);
    for (const item of Object.keys(healthy.items).map(Number)) expect([item, got.items[item]]).toEqual([item, fault.items.includes(item) ? 'error' : healthy.items[item]]);
    expect(report.inputs).toContainEqual(expect.objectContaining({ status: fault.input.status, source: expect.stringMatching(fault.input.source), problem: expect.stringMatching(fault.input.problem) }));
    // Each check in error says why, naming the input when it was read in part.
    const source = new RegExp(fault.input.source.source.replace(/^\^|\$$/g, ''));
    for (const check of report.checks.filter((c) => c.status === 'error')) {
      expect(check.error).toMatch(/^evidence (unavailable|incomplete): /);
      if (check.error?.startsWith('evidence incomplete')) expect(check.error).toMatch(source);
    }
    // Incomplete evidence only ever hides findings, never invents them; the checks not affected report the same.
    const keys = (r: Report, pick: (check: string) => boolean) => r.findings.filter((f) => pick(f.check)).map((f) => `${f.check}/${f.rule}/${f.principal}`).sort();
    const affected = (check: string) => fault.checks.includes(check as (typeof fault.checks)[number]);
    expect(keys(report, (c) => !affected(c))).toEqual(keys(healthyReport, (c) => !affected(c)));
    expect(new Set(keys(healthyReport, affected))).toEqual(new Set([...keys(healthyReport, affected), ...keys(report, affected)]));
    expect(code).toBe(EXIT.incomplete);
    expect(stderr.join('')).toMatch(new RegExp(`checks in error: ${fault.checks.join(', ')}`));
  });

  test('one archive object KMS denied: the event checks are error and still report what the other objects show', async () => {
    const healthyReport = (await healthyRun()).report;
    LIVE_FAULTS.find((f) => f.name === 'archive object: KMS decrypt denied')?.apply(m);
    const { report } = await audit();
    const phi = (r: Report) => r.findings.filter((f) => f.check === 'access-anomaly' || f.check === 'vpn-bypass').length;
    expect(report.checks.find((c) => c.check === 'access-anomaly')?.status).toBe('error');
    expect(phi(report)).toBeGreaterThan(0);
    expect(phi(report)).toBeLessThan(phi(healthyReport));
  });

  test('exit 4 wins over --fail-on: an incomplete audit is not a verdict', async () => {
    LIVE_FAULTS.find((f) => f.name === 'archive: every object KMS denied')?.apply(m);
    const { code, report } = await audit(undefined, ['--fail-on', 'low']);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(code).toBe(EXIT.incomplete);
  });
});
