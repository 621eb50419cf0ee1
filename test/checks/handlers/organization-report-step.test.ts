import { readFileSync } from 'node:fs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { loadConfigFile } from '../../../lib/config/load';
import { auditWindow, composeReport } from '../../../checks/audit';
import { type OrganizationReportDeps, writeOrganizationReport } from '../../../checks/handlers/organization-report-step';
import { MEMBER_CHECKS } from '../../../checks/handlers/organization-run';
import { parseRegister } from '../../../checks/register/load';
import { type CheckStatus, type Finding, type Report, reportSchema } from '../../../checks/report-model';
import { auditScope } from '../../../checks/report/scope';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { FAULTS } from '../collect/aws-faults';

const config = loadConfigFile('config/coding-env.json');
const s3 = mockClient(S3Client);
const sns = mockClient(SNSClient);
const startedAt = '2026-11-20T12:00:00.000Z';
const window = auditWindow(new Date(startedAt), 30);
const HOME = '111122223333';
const A = '444455556666';
const B = '777788889999';
const REPORTS = 'reports-bucket';
const HOME_PREFIX = 'reports/2026-11-20/daily-exec-1/';
const RUN_PREFIX = 'organization/2026-11-20/daily-exec-1/';
const register = parseRegister(JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8')), 'register.json');

const finding = (check: string, principal: string, account?: string): Finding => ({
  check, rule: 'r', principal, severity: 'high', summary: `${principal} did something`, evidence: {}, ...(account ? { account } : {}),
});
const ok = (checks: readonly { check: string }[]): CheckStatus[] => checks.map(({ check }) => ({ check, status: 'ok' }));

/** A report as the audit account's or a member's run files it. */
function filedReport(checks: CheckStatus[], findings: Finding[], account?: string): Report {
  return composeReport({
    config, window, generatedAt: new Date('2026-11-20T12:03:00Z'), register, findings, checks, inputs: [],
    evidence: { credentialReport: { ok: true, value: { users: [], hasKeyLastUsed: true } }, authorization: { ok: true, value: { users: [], groups: [], roles: [], policies: [] } } },
    coverage: { from: window.from.toISOString(), to: window.to.toISOString(), gaps: account ? [{ from: '2026-11-01', to: '2026-11-01', account }] : [] },
  });
}

const HOME_REPORT = filedReport(ok(ALL_CHECKS), [finding('stale-access', 'tnguyen'), finding('breach-notification', '2026-03')]);
const A_REPORT = filedReport(ok(MEMBER_CHECKS), [finding('privilege-creep', 'jdoe', A)], A);

function serve(objects: Record<string, string>): void {
  s3.on(GetObjectCommand, { Bucket: REPORTS }).callsFake((input: { Key: string }) => {
    const body = objects[input.Key];
    if (body === undefined) throw FAULTS.noSuchKey();
    return { Body: (async function* () { yield Buffer.from(body); })() };
  });
}

const deps = (): OrganizationReportDeps => ({
  config,
  s3: new S3Client({ region: 'us-east-1' }),
  sns: new SNSClient({ region: 'us-east-1' }),
  windowDays: 30,
  reportsBucket: REPORTS,
  reportsPrefix: 'reports/',
  organizationPrefix: 'organization/',
  topicArn: 'arn:aws:sns:us-east-1:111122223333:compliance',
  homeAccount: HOME,
  now: () => new Date('2026-11-20T12:30:00Z'),
});

const listing = (accounts: string[]) => ({ accounts, organization: [HOME, ...accounts, '999900001111'].sort(), notAudited: [{ account: '999900001111', state: 'SUSPENDED' }] });
const event = { mode: 'daily', executionName: 'exec-1', startedAt, home: `s3://${REPORTS}/${HOME_PREFIX}` };

beforeEach(() => {
  s3.reset();
  sns.reset();
  s3.on(PutObjectCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
});

function organizationReport(): Report {
  const put = s3.commandCalls(PutObjectCommand).find((c) => c.args[0].input.Key === `${RUN_PREFIX}report.json`);
  return reportSchema.parse(JSON.parse(String(put?.args[0].input.Body)));
}
const status = (r: Report) => Object.fromEntries(r.checks.map((c) => [c.check, c.status]));

describe("the organization's report", () => {
  test('every account reported: the findings of all, each with its account; checks ok; filed under the run; the officers notified', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT), [`${RUN_PREFIX}accounts/${A}/report.json`]: JSON.stringify(A_REPORT) });

    const result = await writeOrganizationReport({ ...event, listing: listing([A]) }, deps());

    expect(result).toEqual({ location: `s3://${REPORTS}/${RUN_PREFIX}`, accounts: 2, findings: 3, complete: true });
    const report = organizationReport();
    // The organization-wide checks' findings (the register's incidents) are the organization's, as offline multi-account audits mark them.
    expect(report.findings.map((f) => [f.account, f.check, f.principal])).toEqual([[HOME, 'stale-access', 'tnguyen'], ['organization', 'breach-notification', '2026-03'], [A, 'privilege-creep', 'jdoe']]);
    expect(report.findings.every((f) => typeof f.account === 'string' && f.id?.startsWith('f-'))).toBe(true);
    // The same violation in two accounts is two findings: the account is part of the id.
    expect(new Set(report.findings.map((f) => f.id)).size).toBe(3);
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.coverage.gaps).toEqual([{ from: '2026-11-01', to: '2026-11-01', account: A }]);
    expect(report.inputs).toContainEqual(expect.objectContaining({ source: 'account:999900001111', status: 'ignored', problem: 'not audited: the account is SUSPENDED' }));
    expect(report.scope).toBeUndefined();
    const keys = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);
    expect(keys).toEqual(expect.arrayContaining([`${RUN_PREFIX}report.json`, `${RUN_PREFIX}report.md`, `${RUN_PREFIX}report.html`]));
    const [mail] = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(mail.Subject).toMatch(/^Coding environment daily organization compliance report 2026-11-20/);
    expect(mail.Message).not.toMatch(/tnguyen|jdoe/);
  });

  test('a member whose role could not be assumed: its checks are error in the organization report, naming the account', async () => {
    const denied = filedReport(MEMBER_CHECKS.map(({ check }) => ({ check, status: 'error', error: `account ${A}: the member audit role could not be assumed (access denied (AccessDenied))` })), [], A);
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT), [`${RUN_PREFIX}accounts/${A}/report.json`]: JSON.stringify(denied) });

    const result = await writeOrganizationReport({ ...event, listing: listing([A]) }, deps());

    const report = organizationReport();
    for (const { check } of MEMBER_CHECKS) {
      const c = report.checks.find((x) => x.check === check);
      expect(c?.status).toBe('error');
      expect(c?.error).toContain(`account ${A}: the member audit role could not be assumed`);
      expect(c?.error).not.toContain(`account ${A}: account ${A}`);
    }
    for (const check of ALL_CHECKS.filter((c) => !MEMBER_CHECKS.includes(c))) expect(status(report)[check.check]).toBe('ok');
    for (const item of [2, 3, 6]) expect(report.checklist.find((i) => i.item === item)?.status).toBe('error');
    expect(sns.commandCalls(PublishCommand)[0].args[0].input.Subject).toMatch(/INCOMPLETE/);
    // The account's report is filed: the run itself is complete, its report says error.
    expect(result.complete).toBe(true);
  });

  test('the Distributed Map stopped: an account without a report is error in every check it runs, a gap for the whole window, and the run is incomplete', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT), [`${RUN_PREFIX}accounts/${A}/report.json`]: JSON.stringify(A_REPORT) });

    const result = await writeOrganizationReport({ ...event, listing: listing([A, B]), mapFailure: { Error: 'States.ExceedToleratedFailureThreshold', Cause: '...' } }, deps());

    expect(result.complete).toBe(false);
    const report = organizationReport();
    for (const { check } of MEMBER_CHECKS) expect(report.checks.find((c) => c.check === check)?.error).toContain(`account ${B}: its run did not finish: the Distributed Map stopped (States.ExceedToleratedFailureThreshold)`);
    expect(status(report)['breach-notification']).toBe('ok');
    expect(report.coverage.gaps).toContainEqual({ from: '2026-10-21', to: '2026-11-20', account: B });
    expect(report.inputs).toContainEqual(expect.objectContaining({ source: `account:${B}`, status: 'skipped' }));
    for (const item of [2, 3, 5, 6]) {
      const i = report.checklist.find((x) => x.item === item);
      expect(i?.status).toBe('error');
      expect(i?.reasons).toContainEqual(expect.stringContaining(`account ${B}: its run did not finish`));
    }
    // Register-only items are the audit account's verdict: one register for everyone.
    expect(report.checklist.find((i) => i.item === 1)).toEqual(HOME_REPORT.checklist.find((i) => i.item === 1));
    expect(report.findings.map((f) => f.account)).toEqual([HOME, 'organization', A]);
  });

  test.each([
    ['not JSON', 'not json', /is not JSON/],
    ['not a report', '{"findings": 3}', /is not a report/],
  ])('a member report that is %s is an account without a report', async (_name, body, reason) => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT), [`${RUN_PREFIX}accounts/${A}/report.json`]: body });
    const result = await writeOrganizationReport({ ...event, listing: listing([A]) }, deps());
    expect(result.complete).toBe(false);
    expect(organizationReport().checks.find((c) => c.check === 'privilege-creep')?.error).toMatch(reason);
  });

  test('a member report that cannot be read (denied) is an account without a report, naming why', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT) });
    s3.on(GetObjectCommand, { Bucket: REPORTS, Key: `${RUN_PREFIX}accounts/${A}/report.json` }).rejects(FAULTS.denied());
    const result = await writeOrganizationReport({ ...event, listing: listing([A]) }, deps());
    expect(result.complete).toBe(false);
    expect(organizationReport().checks.find((c) => c.check === 'privilege-creep')?.error).toMatch(/could not be read: access denied/);
  });

  test("the organization's accounts could not be listed: the member checks are error, the audit account's own results stand, the run is incomplete", async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT) });

    const result = await writeOrganizationReport({ ...event, listingFailure: { Error: 'AccountListingError', Cause: 'denied' } }, deps());

    expect(result).toMatchObject({ accounts: 1, complete: false });
    const report = organizationReport();
    for (const { check } of MEMBER_CHECKS) expect(report.checks.find((c) => c.check === check)?.error).toContain("member accounts: the organization's accounts could not be listed (AccountListingError)");
    expect(report.inputs).toContainEqual(expect.objectContaining({ source: 'api:organizations:ListAccounts', status: 'skipped' }));
    expect(report.findings.map((f) => f.account)).toEqual([HOME, 'organization']);
  });

  test("a home location outside the reports prefix is refused: the audit account's checks are all error", async () => {
    serve({});
    const result = await writeOrganizationReport({ ...event, home: 's3://elsewhere/x/', listing: listing([]) }, deps());
    expect(result.complete).toBe(false);
    expect(organizationReport().checks.every((c) => c.status === 'error')).toBe(true);
  });
});

describe("what the organization's report takes from the audit account's", () => {
  test('the scope of its run, listing every account audited, sorted, and the register warnings', async () => {
    // The audit account's own run: a register with a field it does not define, the scope it read.
    const example = JSON.parse(readFileSync('test/fixtures/register/example.json', 'utf8')) as Record<string, unknown>;
    const warned = parseRegister({ ...example, reviewedBy: 'the privacy officer' }, 'register.json');
    const scope = auditScope({ source: 'scheduled', inputs: [], runBy: { kind: 'lambda', identity: 'lambda:CodingEnv-Report' }, configSha256: 'c'.repeat(64), registerSha256: 'e'.repeat(64) });
    const home = composeReport({
      config, window, generatedAt: new Date('2026-11-20T12:03:00Z'), register: warned, findings: [], checks: ok(ALL_CHECKS), inputs: [],
      evidence: { credentialReport: { ok: true, value: { users: [], hasKeyLastUsed: true } }, authorization: { ok: true, value: { users: [], groups: [], roles: [], policies: [] } } },
      coverage: { from: window.from.toISOString(), to: window.to.toISOString(), gaps: [] },
      auditor: { scope: { ...scope, accounts: [HOME] } },
    });
    expect(home.warnings).toEqual(['register.json: fields the register does not define were ignored: reviewedBy']);
    const B_REPORT = filedReport(ok(MEMBER_CHECKS), [], B);
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(home), [`${RUN_PREFIX}accounts/${A}/report.json`]: JSON.stringify(A_REPORT), [`${RUN_PREFIX}accounts/${B}/report.json`]: JSON.stringify(B_REPORT) });

    // The accounts as the state machine carries them, not in order.
    await writeOrganizationReport({ ...event, listing: { ...listing([A, B]), accounts: [B, A] } }, deps());

    const report = organizationReport();
    expect(report.scope).toEqual({ ...scope, accounts: [HOME, A, B] });
    expect(report.warnings).toEqual(home.warnings);
  });
});

describe('why an account has no report, when AWS gives no name', () => {
  test('the Distributed Map stopped without an error name: the account without a report says the map failed', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT) });
    const result = await writeOrganizationReport({ ...event, listing: listing([A]), mapFailure: { Cause: 'the map run was aborted' } }, deps());
    expect(result.complete).toBe(false);
    expect(organizationReport().checks.find((c) => c.check === 'privilege-creep')?.error).toBe(`account ${A}: its run did not finish: the Distributed Map stopped (failed)`);
  });

  test('neither a listing nor its failure reached the report step: the member checks are error, saying so', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT) });
    const result = await writeOrganizationReport(event, deps());
    expect(result).toMatchObject({ accounts: 1, complete: false });
    expect(organizationReport().checks.find((c) => c.check === 'privilege-creep')?.error).toContain("member accounts: the organization's accounts could not be listed (no account list reached the report step)");
  });
});

describe("where the audit account's report is read from", () => {
  const homeError = (r: Report) => r.checks.find((c) => c.check === 'breach-notification')?.error;

  test.each([
    ['in another bucket', 's3://elsewhere/reports/2026-11-20/daily-exec-1/'],
    ['under the reports prefix but not a folder', `s3://${REPORTS}/${HOME_PREFIX}report.json`],
  ])('a home location %s is refused, naming the location and where it must be', async (_name, home) => {
    // Whatever could be read there is a report: only the check on the location refuses it.
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT), [`${HOME_PREFIX}report.jsonreport.json`]: JSON.stringify(HOME_REPORT) });
    const result = await writeOrganizationReport({ ...event, home, listing: listing([]) }, deps());
    expect(result.complete).toBe(false);
    expect(homeError(organizationReport())).toBe(`account ${HOME}: the audit account's report location ${JSON.stringify(home)} is not under s3://${REPORTS}/reports/`);
  });

  test("the audit account's report not on file: its checks are error, saying so", async () => {
    serve({});
    const result = await writeOrganizationReport({ ...event, listing: listing([]) }, deps());
    expect(result.complete).toBe(false);
    expect(homeError(organizationReport())).toBe(`account ${HOME}: the audit account’s report is not on file`);
  });
});

describe('when the run is complete', () => {
  test('a member with no report filed, beside one with: its checks are error, saying so, and the run is incomplete', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT), [`${RUN_PREFIX}accounts/${A}/report.json`]: JSON.stringify(A_REPORT) });
    const result = await writeOrganizationReport({ ...event, listing: listing([A, B]) }, deps());
    expect(result).toMatchObject({ accounts: 3, complete: false });
    expect(organizationReport().checks.find((c) => c.check === 'privilege-creep')?.error).toBe(`account ${B}: no report was filed for the account`);
  });

  test('every report filed but the Distributed Map stopped: the run is incomplete', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT), [`${RUN_PREFIX}accounts/${A}/report.json`]: JSON.stringify(A_REPORT) });
    const result = await writeOrganizationReport({ ...event, listing: listing([A]), mapFailure: { Error: 'States.Timeout' } }, deps());
    expect(result.complete).toBe(false);
  });

  test('the accounts could not be listed: no account is listed as not audited', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT) });
    await writeOrganizationReport({ ...event, listingFailure: { Error: 'AccountListingError' } }, deps());
    expect(organizationReport().inputs.filter((i) => i.status === 'ignored')).toEqual([]);
  });
});

describe("the organization's report's identity", () => {
  test('its id names the mode and the execution; its time is the clock given', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT) });
    await writeOrganizationReport({ ...event, listing: listing([]) }, deps());
    const report = organizationReport();
    expect(report.reportId).toBe('organization-daily-exec-1');
    expect(report.generatedAt).toBe('2026-11-20T12:30:00.000Z');
  });

  test('without a clock given, its time is the time of the run', async () => {
    serve({ [`${HOME_PREFIX}report.json`]: JSON.stringify(HOME_REPORT) });
    const before = Date.now();
    const { now: _now, ...rest } = deps();
    await writeOrganizationReport({ ...event, listing: listing([]) }, rest);
    const at = Date.parse(organizationReport().generatedAt);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});

test('the member reports are read at most `concurrency` at a time', async () => {
  const members = ['100000000001', '100000000002', '100000000003', '100000000004'];
  let inFlight = 0;
  let most = 0;
  s3.on(GetObjectCommand, { Bucket: REPORTS }).callsFake(async (input: { Key: string }) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    if (input.Key !== `${HOME_PREFIX}report.json`) throw FAULTS.noSuchKey();
    return { Body: (async function* () { yield Buffer.from(JSON.stringify(HOME_REPORT)); })() };
  });
  const result = await writeOrganizationReport({ ...event, listing: listing(members) }, { ...deps(), concurrency: 2 });
  expect(result.accounts).toBe(5);
  expect(most).toBe(2);
});
