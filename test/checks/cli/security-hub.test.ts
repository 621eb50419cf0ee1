import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { exportToSecurityHub } from '../../../checks/cli/security-hub';
import { sampleReport } from '../report/sample-report';

const hub = mockClient(SecurityHubClient);
const sts = mockClient(STSClient);
const clients = () => ({ hub: new SecurityHubClient({ region: 'us-gov-west-1' }), sts: new STSClient({ region: 'us-gov-west-1' }) });

beforeEach(() => {
  hub.reset();
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333', Arn: 'arn:aws-us-gov:iam::111122223333:user/hmartin' });
});

describe('audit --security-hub', () => {
  test('imports into the caller account\'s default product, in its partition and region', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({ FailedCount: 0, SuccessCount: input.Findings.length }));
    const lines: string[] = [];
    expect(await exportToSecurityHub(sampleReport(), (m) => lines.push(m), clients())).toBe(true);
    const [call] = hub.commandCalls(BatchImportFindingsCommand);
    expect(call.args[0].input.Findings?.[0]).toMatchObject({ ProductArn: 'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default', AwsAccountId: '111122223333', Region: 'us-gov-west-1' });
    expect(lines).toEqual([`Security Hub: ${sampleReport().findings.length} of ${sampleReport().findings.length} findings imported into arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default`]);
  });

  test('each refused finding is named with its error code, and the export reports failure', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: { Id: string }[] }) => ({ FailedCount: 1, SuccessCount: input.Findings.length - 1, FailedFindings: [{ Id: input.Findings[0].Id, ErrorCode: 'InvalidInput', ErrorMessage: 'bad' }] }));
    const lines: string[] = [];
    expect(await exportToSecurityHub(sampleReport(), (m) => lines.push(m), clients())).toBe(false);
    expect(lines[1]).toMatch(/^Security Hub refused finding [0-9a-f]{32}: InvalidInput bad$/);
  });

  test('Security Hub not enabled (or denied) is a reported failure, not a crash', async () => {
    hub.on(BatchImportFindingsCommand).rejects(Object.assign(new Error('Account 111122223333 is not subscribed to AWS Security Hub'), { name: 'InvalidAccessException' }));
    const lines: string[] = [];
    expect(await exportToSecurityHub(sampleReport(), (m) => lines.push(m), clients())).toBe(false);
    expect(lines.some((l) => /failed \(InvalidAccessException\)/.test(l))).toBe(true);
  });

  test('a refusal without a message ends at its code; a failure with neither name nor message is still said', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: { Id: string }[] }) => ({ FailedCount: 1, SuccessCount: input.Findings.length - 1, FailedFindings: [{ Id: input.Findings[0].Id, ErrorCode: 'InvalidInput' }] }));
    const lines: string[] = [];
    expect(await exportToSecurityHub(sampleReport(), (m) => lines.push(m), clients())).toBe(false);
    expect(lines[1]).toMatch(/^Security Hub refused finding [0-9a-z-]+: InvalidInput$/);
    sts.on(GetCallerIdentityCommand).rejects('no credentials');
    const failed: string[] = [];
    expect(await exportToSecurityHub(sampleReport(), (m) => failed.push(m), clients())).toBe(false);
    expect(failed).toEqual([expect.stringMatching(/^Security Hub import failed: Error: no credentials \(the report files are written\)$/)]);
    sts.on(GetCallerIdentityCommand).callsFake(() => Promise.reject({}));
    const bare: string[] = [];
    expect(await exportToSecurityHub(sampleReport(), (m) => bare.push(m), clients())).toBe(false);
    expect(bare).toEqual(['Security Hub import failed: Error: [object Object] (the report files are written)']);
  });

  test('the CLI writes the report, then exits 3 with a message when the import cannot start (no region)', () => {
    const out = mkdtempSync(join(tmpdir(), 'cli-hub-'));
    try {
      const env = { PATH: process.env.PATH, HOME: out, AWS_EC2_METADATA_DISABLED: 'true' };
      const r = spawnSync(process.execPath, ['bin/coding-env.js', 'audit', '--config', 'config/coding-env.json', '--evidence', 'test/fixtures/evidence/example', '--register', 'test/fixtures/register/example.json', '--as-of', '2026-11-20T12:00:00Z', '--out', out, '--security-hub'], { encoding: 'utf8', env });
      expect(r.stderr).toMatch(/Security Hub import failed: .*region/i);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.status).toBe(3);
      expect(existsSync(join(out, 'report.json'))).toBe(true);
      expect(existsSync(join(out, 'report.ocsf.json'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
