import { join } from 'node:path';
import { GetQueryExecutionCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { Parser } from 'node-sql-parser';
import { EXIT, main } from '../../../checks/cli/main';
import type { Report } from '../../../checks/report-model';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { ATHENA_FAULTS } from '../athena-fake';
import { TRAIL_BUCKET } from '../live-faults';
import { auditHarness } from './audit-harness';

const { m, athena, sts, stderr, out, audit } = auditHarness('audit-athena-');
const statusOf = (report: Report) => ({
  checks: Object.fromEntries(report.checks.map((c) => [c.check, c.status])),
  items: Object.fromEntries(report.checklist.map((i) => [i.item, i.status])),
});
const strip = (r: Report) => r.findings.map(({ id, ...f }) => ({ id, ...f }));

// The healthy --athena run the faults are compared with, made once by whichever test needs it
// first: every test stands alone (a mutation run, or `jest -t`, picks tests by name).
let baseline: Promise<Report> | undefined;
async function healthyRun(): Promise<Report> {
  baseline ??= audit(['--athena']).then(({ report }) => {
    for (const client of [...Object.values(m), athena, sts]) client.resetHistory();
    stderr.length = 0;
    return report;
  });
  return baseline;
}

describe('coding-env audit --athena', () => {
  test('the same findings, statuses and coverage as --live over the same account; events read only through Athena', async () => {
    const live = await audit(['--live', '--regions', 'us-east-1', '--trail-bucket', TRAIL_BUCKET]);
    m.trail.resetHistory();
    m.s3.resetHistory();
    const viaAthena = await audit(['--athena']);
    expect(viaAthena.code).toBe(EXIT.ok);
    expect(viaAthena.report.checks.map((c) => c.status)).toEqual(ALL_CHECKS.map(() => 'ok'));
    expect(viaAthena.report.findings.length).toBeGreaterThan(5);
    expect(strip(viaAthena.report)).toEqual(strip(live.report));
    expect(statusOf(viaAthena.report)).toEqual(statusOf(live.report));
    expect(viaAthena.report.coverage).toEqual(live.report.coverage);
    // Not one LookupEvents call, not one archive object read by the tool itself.
    expect(m.trail.commandCalls(LookupEventsCommand)).toHaveLength(0);
    expect(m.s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(viaAthena.report.inputs.filter((i) => i.kind.startsWith('cloudtrail-athena')).map((i) => [i.kind, i.status])).toEqual([
      ['cloudtrail-athena-coverage', 'read'],
      ['cloudtrail-athena-events', 'read'],
    ]);
    expect(viaAthena.report.scope).toMatchObject({ source: 'live', runBy: { kind: 'aws-caller', identity: 'arn:aws:iam::111122223333:user/hmartin' } });
  });

  test('the queries run in the workgroup, pruned to the caller’s account, the window’s days and --regions, in Athena’s dialect', async () => {
    await audit(['--athena', '--regions', 'us-east-1,us-west-2'], ['--days', '7']);
    const queries = athena.commandCalls(StartQueryExecutionCommand).map((c) => c.args[0].input);
    expect(queries).toHaveLength(2);
    const parser = new Parser();
    for (const q of queries) {
      expect(q.WorkGroup).toBe('coding-env-audit');
      expect(q.QueryString).toContain(`"account" IN ('111122223333') AND "region" IN ('us-east-1', 'us-west-2') AND "day" BETWEEN '2026/11/13' AND '2026/11/20'`);
      expect(() => parser.astify(q.QueryString ?? '', { database: 'trino' })).not.toThrow();
    }
  });

  test.each(ATHENA_FAULTS.map((f) => [f.name, f] as const))('%s: the event checks and their items error, the others decided, the query named, exit 4', async (_name, fault) => {
    const healthy = await healthyRun();
    fault.apply(athena, m);
    const { code, report } = await audit(['--athena']);
    const got = statusOf(report);
    const want = statusOf(healthy);
    for (const { check } of ALL_CHECKS) expect([check, got.checks[check]]).toEqual([check, fault.checks.includes(check) ? 'error' : want.checks[check]]);
    for (const item of Object.keys(want.items).map(Number)) expect([item, got.items[item]]).toEqual([item, fault.items.includes(item) ? 'error' : want.items[item]]);
    expect(report.inputs).toContainEqual(expect.objectContaining({ status: fault.input.status, source: expect.stringMatching(fault.input.source), problem: expect.stringMatching(fault.input.problem) }));
    for (const check of report.checks.filter((c) => c.status === 'error')) expect(check.error).toMatch(/^evidence (unavailable|incomplete): /);
    // Athena's own message may quote the query's values: never echoed.
    expect(JSON.stringify(report)).not.toContain('SYNTAX_ERROR');
    const keys = (r: Report, pick: (check: string) => boolean) => r.findings.filter((f) => pick(f.check)).map((f) => `${f.check}/${f.rule}/${f.principal}`).sort();
    const affected = (check: string) => fault.checks.includes(check as (typeof fault.checks)[number]);
    expect(keys(report, (c) => !affected(c))).toEqual(keys(healthy, (c) => !affected(c)));
    expect(new Set(keys(healthy, affected))).toEqual(new Set([...keys(healthy, affected), ...keys(report, affected)]));
    expect(code).toBe(EXIT.incomplete);
  });

  test('a day of the window the archive holds no event on: coverage gap, the event checks error, exit 4', async () => {
    const { code, report } = await audit(['--athena'], ['--days', '60']);
    expect(report.coverage.gaps).toEqual([{ from: '2026-09-21', to: '2026-09-30' }, { from: '2026-10-02', to: '2026-10-20' }]);
    expect(report.checks.filter((c) => c.status === 'error').map((c) => c.check).sort()).toEqual([...new Set(ALL_CHECKS.filter((c) => c.needs.includes('events')).map((c) => c.check))].sort());
    expect(code).toBe(EXIT.incomplete);
  });

  test('queries that never finish are stopped after the poll cap: the event checks error, exit 4', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'QUEUED' } } });
    const { code, report } = await audit(['--athena']);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(2);
    expect(report.inputs).toContainEqual(expect.objectContaining({ kind: 'cloudtrail-athena-events', status: 'skipped', problem: expect.stringMatching(/^Athena query ev-\d+ was still QUEUED after 900 polls; stopped it$/) }));
    expect(report.checks.find((c) => c.check === 'access-anomaly')?.status).toBe('error');
    expect(code).toBe(EXIT.incomplete);
  });

  test('no account to query (GetCallerIdentity denied): the events unavailable, named; IAM checks still decided', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('not authorized to perform: sts:GetCallerIdentity'), { name: 'AccessDenied' }));
    const { code, report } = await audit(['--athena']);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
    expect(report.inputs).toContainEqual(expect.objectContaining({ source: 'api:sts:GetCallerIdentity', status: 'skipped', problem: expect.stringMatching(/^cannot identify the AWS account to query \(sts:GetCallerIdentity\): access denied/) }));
    expect(report.checks.find((c) => c.check === 'privilege-creep')?.status).toBe('ok');
    expect(report.checks.find((c) => c.check === 'vpn-bypass')?.status).toBe('error');
    expect(code).toBe(EXIT.incomplete);
  });

  test.each([
    [['--athena', '--live'], /exactly one of --evidence DIR, --live or --athena/],
    [['--athena', '--evidence', 'test/fixtures/evidence/example'], /exactly one of --evidence DIR, --live or --athena/],
    [['--athena', '--trail-bucket', 'x'], /--trail-bucket applies only with --live \(with --athena the archive is the table coding_env_audit\.cloudtrail\)/],
    [['--athena', '--regions', "us-east-1'--"], /--regions must be AWS regions/],
  ])('%j is refused before any query: exit 2', async (source, message) => {
    const code = await main(['audit', '--config', 'config/coding-env.json', ...source, '--register', 'test/fixtures/register/example.json', '--out', join(out(), 'bad')], new Date('2026-11-20T12:05:00Z'));
    expect(code).toBe(EXIT.invalid);
    expect(stderr.join('')).toMatch(message);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });
});
