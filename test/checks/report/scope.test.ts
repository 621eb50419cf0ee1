import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { auditScopeOf } from '../../../checks/cli/audit-context';
import type { AuditOptions } from '../../../checks/cli/options';
import type { LoadedEvidence } from '../../../checks/evidence/evidence-dir';
import type { InputRecord } from '../../../checks/report-model';
import { auditScope } from '../../../checks/report/scope';

const read = (source: string, kind = 'cloudtrail'): InputRecord => ({ source, kind, status: 'read', records: 1, sha256: 'x' });

describe('auditScope', () => {
  test('takes accounts, regions and trail archives from what was read, never from what was skipped', () => {
    const scope = auditScope({
      source: 'live',
      inputs: [
        read('api:cloudtrail:LookupEvents:us-east-1', 'cloudtrail-lookup-events'),
        read('s3://org-trail/audit/AWSLogs/o-abc123defg/444455556666/CloudTrail/eu-west-1/2026/11/18/x.json.gz'),
        read('s3://org-trail/audit/AWSLogs/o-abc123defg/111122223333/CloudTrail/us-east-1/2026/11/18/y.json.gz'),
        { ...read('s3://other-bucket/AWSLogs/999988887777/CloudTrail/ap-south-1/2026/11/18/z.json.gz'), status: 'skipped', problem: 'AccessDenied' },
      ],
      runBy: { kind: 'aws-caller', identity: 'arn:aws:sts::111122223333:assumed-role/Auditor/hm' },
      configSha256: 'c',
      registerSha256: null,
    });
    expect(scope.accounts).toEqual(['111122223333', '444455556666']);
    expect(scope.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(scope.trails).toEqual([{ bucket: 'org-trail', prefix: 'audit/' }]);
    expect(scope.tool.name).toBe('hipaa-coding-env');
  });
});

describe('auditScopeOf (CLI)', () => {
  const sts = mockClient(STSClient);
  const options = (kind: 'live' | 'evidence'): AuditOptions => ({
    config: 'config/coding-env.json',
    register: 'no-such-register.json',
    out: 'out',
    source: kind === 'live' ? { kind: 'live' } : { kind: 'evidence', dir: 'evidence' },
    asOf: new Date('2026-11-20T12:00:00Z'),
    days: 30,
  });
  const unread = { ok: false, error: 'x' } as const;
  const loaded: LoadedEvidence = { model: { credentialReport: unread, authorization: unread, events: unread }, inputs: [] };
  beforeEach(() => sts.reset());

  test('--live names the AWS caller identity', async () => {
    sts.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:sts::111122223333:assumed-role/ComplianceAuditor/hmartin', Account: '111122223333' });
    const scope = await auditScopeOf(options('live'), loaded, new STSClient({ region: 'us-east-1' }));
    expect(scope.runBy).toEqual({ kind: 'aws-caller', identity: 'arn:aws:sts::111122223333:assumed-role/ComplianceAuditor/hmartin' });
    expect(scope.configSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(scope.registerSha256).toBeNull();
  });

  test('a failed GetCallerIdentity is said, not guessed', async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('expired'), { name: 'ExpiredToken' }));
    const scope = await auditScopeOf(options('live'), loaded, new STSClient({ region: 'us-east-1' }));
    expect(scope.runBy.identity).toBe('unknown (sts:GetCallerIdentity failed: ExpiredToken)');
  });

  test('offline, the OS user and host', async () => {
    const scope = await auditScopeOf(options('evidence'), loaded);
    expect(scope).toMatchObject({ source: 'evidence', evidenceDir: 'evidence', runBy: { kind: 'os-user', identity: expect.stringMatching(/.+@.+/) } });
    expect(sts.calls()).toHaveLength(0);
  });
});
