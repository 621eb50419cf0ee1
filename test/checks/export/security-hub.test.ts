import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { BATCH_SIZE, describeImport, importFindings } from '../../../checks/export/security-hub';
import { defaultProductArn, toAsff } from '../../../checks/report/asff';
import type { Finding, Report } from '../../../checks/report-model';
import { sampleReport } from '../report/sample-report';

const target = { productArn: defaultProductArn('aws', 'us-east-1', '111122223333'), accountId: '111122223333', region: 'us-east-1', partition: 'aws' };
const hub = mockClient(SecurityHubClient);

/** A report with n findings, distinct principals so each is its own finding. */
function reportWith(n: number): Report {
  const base = sampleReport();
  const findings: Finding[] = Array.from({ length: n }, (_, i) => ({ ...base.findings[i % base.findings.length], principal: `user${i}` }));
  return { ...base, findings };
}

beforeEach(() => {
  hub.reset();
  hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length, FailedFindings: [] }));
});

describe('Security Hub import', () => {
  test('sends batches of at most 100 findings, in order, and counts them all', async () => {
    const result = await importFindings(new SecurityHubClient({ region: 'us-east-1' }), reportWith(250), target);
    const calls = hub.commandCalls(BatchImportFindingsCommand);
    expect(BATCH_SIZE).toBe(100);
    expect(calls.map((c) => c.args[0].input.Findings?.length)).toEqual([100, 100, 50]);
    expect(calls.flatMap((c) => c.args[0].input.Findings ?? []).map((f) => f.Resources?.[0].Id)).toEqual(Array.from({ length: 250 }, (_, i) => `arn:aws:iam::111122223333:user/user${i}`));
    expect(result).toEqual({ attempted: 250, imported: 250, failed: [] });
  });

  test('no findings, no call', async () => {
    expect(await importFindings(new SecurityHubClient({ region: 'us-east-1' }), reportWith(0), target)).toEqual({ attempted: 0, imported: 0, failed: [] });
    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });

  test('idempotent: the same report imports under the same ids and product, so Security Hub updates instead of adding', async () => {
    const client = new SecurityHubClient({ region: 'us-east-1' });
    const report = reportWith(3);
    await importFindings(client, report, target);
    await importFindings(client, { ...report, generatedAt: '2026-11-21T06:00:00Z' }, target);
    const [first, second] = hub.commandCalls(BatchImportFindingsCommand).map((c) => (c.args[0].input.Findings ?? []).map((f) => `${f.ProductArn}|${f.Id}`));
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(3);
    const withIds: Report = { ...report, findings: report.findings.map((f, i) => Object.assign({}, f, { id: `stable-${i}` })) };
    expect(toAsff(withIds, target).map((f) => f.Id)).toEqual(['stable-0', 'stable-1', 'stable-2']);
  });

  test('partial failures are reported with the finding id and the error code; a failed call fails its whole batch, not the others', async () => {
    let call = 0;
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: { Id: string }[] }) => {
      call++;
      if (call === 1) return { FailedCount: 1, SuccessCount: input.Findings.length - 1, FailedFindings: [{ Id: input.Findings[5].Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding field Title is too long' }] };
      if (call === 2) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return { FailedCount: 0, SuccessCount: input.Findings.length, FailedFindings: [] };
    });
    const report = reportWith(230);
    const ids = toAsff(report, target).map((f) => f.Id);
    const result = await importFindings(new SecurityHubClient({ region: 'us-east-1', maxAttempts: 1 }), report, target);
    expect(result.attempted).toBe(230);
    expect(result.imported).toBe(99 + 30);
    expect(result.failed).toHaveLength(1 + 100);
    expect(result.failed[0]).toEqual({ id: ids[5], code: 'InvalidInput', message: 'Finding field Title is too long' });
    expect(result.failed.slice(1).map((f) => f.id)).toEqual(ids.slice(100, 200));
    expect(result.failed.slice(1).every((f) => f.code === 'ThrottlingException')).toBe(true);
    expect(describeImport(result)).toBe('Security Hub: 129 of 230 findings imported; 101 failed (InvalidInput, ThrottlingException)');
  });

  test('a FailedCount Security Hub does not explain is still a failure', async () => {
    hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 2, SuccessCount: 1 });
    const result = await importFindings(new SecurityHubClient({ region: 'us-east-1' }), reportWith(3), target);
    expect(result.imported).toBe(1);
    expect(result.failed).toEqual([expect.objectContaining({ code: 'unknown', id: '(2 of batch 1)' })]);
  });
});

describe('ASFF findings', () => {
  const report = sampleReport();
  const asff = toAsff(report, target);

  test('carry every field BatchImportFindings requires', () => {
    for (const f of asff) {
      expect(f).toMatchObject({ SchemaVersion: '2018-10-08', ProductArn: 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default', AwsAccountId: '111122223333', CreatedAt: report.generatedAt, UpdatedAt: report.generatedAt });
      for (const field of ['Id', 'GeneratorId', 'Title', 'Description'] as const) expect(typeof f[field]).toBe('string');
      expect(f.Types?.length).toBeGreaterThan(0);
      expect(['HIGH', 'MEDIUM', 'LOW']).toContain(f.Severity?.Label);
      expect(f.Resources?.length).toBe(1);
      expect(f.Title!.length).toBeLessThanOrEqual(256);
      expect(f.Description!.length).toBeLessThanOrEqual(1024);
    }
  });

  test('hold no evidence: nothing beyond the check, rule, principal, severity and summary the rules established', () => {
    const text = JSON.stringify(asff);
    const fromEvidence = report.findings.flatMap((f) => Object.values(f.evidence)).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string' && v.length > 6);
    expect(fromEvidence.length).toBeGreaterThan(0);
    const summaries = report.findings.map((f) => f.summary).join('\n');
    for (const value of fromEvidence.filter((v) => !summaries.includes(v))) expect(text).not.toContain(JSON.stringify(value).slice(1, -1));
    expect(text).not.toContain('<script>');
  });

  test('multi-account findings go to their own account; non-IAM principals are not made into IAM users', () => {
    const multi: Report = {
      ...report,
      findings: [Object.assign({}, report.findings[0], { account: '444455556666' }), { ...report.findings[0], check: 'breach-notification', rule: 'notification-overdue', principal: '2026-03' }],
    };
    const [a, b] = toAsff(multi, target);
    expect(a.AwsAccountId).toBe('444455556666');
    expect(a.Resources?.[0]).toMatchObject({ Type: 'AwsIamUser', Id: `arn:aws:iam::444455556666:user/${report.findings[0].principal}` });
    expect(b.Resources?.[0]).toMatchObject({ Type: 'Other', Id: 'breach-notification/2026-03' });
  });
});
