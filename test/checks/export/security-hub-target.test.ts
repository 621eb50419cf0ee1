import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { describeImport, importAsff } from '../../../checks/export/security-hub';
import { resolveSecurityHubTarget } from '../../../checks/export/security-hub-target';

const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);
beforeEach(() => {
  hub.reset();
  sts.reset();
});
afterAll(() => {
  hub.restore();
  sts.restore();
});

describe('resolveSecurityHubTarget', () => {
  test('the caller\'s account, the client\'s region, the partition of the caller\'s ARN', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws-us-gov:sts::111122223333:assumed-role/Auditor/hmartin' });
    expect(await resolveSecurityHubTarget(new STSClient({ region: 'us-gov-east-1' }), new SecurityHubClient({ region: 'us-gov-west-1' }))).toEqual({
      productArn: 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default',
      accountId: '111122223333',
      region: 'us-gov-west-1',
      partition: 'aws-us-gov',
    });
  });

  test.each([[{ Arn: 'arn:aws:iam::111122223333:user/x' }], [{ Account: '111122223333' }], [{ Account: '', Arn: 'arn:aws:iam::1:user/x' }], [{ Account: '111122223333', Arn: 'arn' }]])('no account or no partition in %j: refused', async (identity) => {
    sts.on(GetCallerIdentityCommand).resolves(identity);
    await expect(resolveSecurityHubTarget(new STSClient({ region: 'us-east-1' }), new SecurityHubClient({ region: 'us-east-1' }))).rejects.toThrow('STS GetCallerIdentity returned no account or ARN');
  });
});

describe('importAsff: what Security Hub leaves unsaid', () => {
  const findings = [{ Id: 'f1' }, { Id: 'f2' }, {}] as unknown as Parameters<typeof importAsff>[1];

  test('a refusal without id, code or message is still named', async () => {
    hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 1, SuccessCount: 2, FailedFindings: [{} as never] });
    expect(await importAsff(new SecurityHubClient({ region: 'us-east-1' }), findings)).toEqual({ attempted: 3, imported: 2, failed: [{ id: '(no id)', code: 'unknown', message: '' }] });
  });

  test('without SuccessCount: the batch less the failures; without FailedCount: the whole batch', async () => {
    hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 1, FailedFindings: [{ Id: 'f1', ErrorCode: 'InvalidInput', ErrorMessage: 'm' }] });
    expect((await importAsff(new SecurityHubClient({ region: 'us-east-1' }), findings)).imported).toBe(2);
    hub.on(BatchImportFindingsCommand).resolves({});
    expect(await importAsff(new SecurityHubClient({ region: 'us-east-1' }), findings)).toEqual({ attempted: 3, imported: 3, failed: [] });
  });

  test('more listed refusals than counted: no invented extra failure', async () => {
    hub.on(BatchImportFindingsCommand).resolves({ FailedCount: 0, SuccessCount: 2, FailedFindings: [{ Id: 'f1', ErrorCode: 'X', ErrorMessage: 'y' }] });
    expect((await importAsff(new SecurityHubClient({ region: 'us-east-1' }), findings)).failed).toEqual([{ id: 'f1', code: 'X', message: 'y' }]);
  });

  test('a failed call names each finding of its batch, with the error\'s name and message or what was thrown', async () => {
    hub.on(BatchImportFindingsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const client = new SecurityHubClient({ region: 'us-east-1', maxAttempts: 1 });
    expect((await importAsff(client, findings)).failed).toEqual([
      { id: 'f1', code: 'ThrottlingException', message: 'Rate exceeded' },
      { id: 'f2', code: 'ThrottlingException', message: 'Rate exceeded' },
      { id: '(no id)', code: 'ThrottlingException', message: 'Rate exceeded' },
    ]);
    const plain = { send: async () => Promise.reject('socket hang up') } as unknown as SecurityHubClient;
    expect((await importAsff(plain, findings.slice(0, 1))).failed).toEqual([{ id: 'f1', code: 'Error', message: 'socket hang up' }]);
  });

  test('the unexplained failures of a later batch name that batch', async () => {
    let call = 0;
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => {
      call++;
      return call === 2 ? { FailedCount: 3, SuccessCount: input.Findings.length - 3 } : { FailedCount: 0, SuccessCount: input.Findings.length };
    });
    const many = Array.from({ length: 150 }, (_, i) => ({ Id: `f${i}` })) as unknown as Parameters<typeof importAsff>[1];
    const result = await importAsff(new SecurityHubClient({ region: 'us-east-1' }), many);
    expect(result).toEqual({ attempted: 150, imported: 147, failed: [{ id: '(3 of batch 2)', code: 'unknown', message: 'Security Hub counted failures it did not list' }] });
    expect(describeImport(result)).toBe('Security Hub: 147 of 150 findings imported; 1 failed (unknown)');
  });

  test('describeImport: counts alone when nothing failed; each error code once', () => {
    expect(describeImport({ attempted: 2, imported: 2, failed: [] })).toBe('Security Hub: 2 of 2 findings imported');
    expect(describeImport({ attempted: 3, imported: 0, failed: [{ id: 'a', code: 'A', message: '' }, { id: 'b', code: 'A', message: '' }, { id: 'c', code: 'B', message: '' }] })).toBe('Security Hub: 0 of 3 findings imported; 3 failed (A, B)');
  });
});
