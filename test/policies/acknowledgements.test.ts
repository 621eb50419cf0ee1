import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildCodingEnv } from '../../lib/build-app';
import { parseConfig } from '../../lib/config/load';
import { activePeople } from '../../lib/config/roster';
import { sliceConstructId, slicesOf } from '../../lib/config/roster-slices';
import {
  ACKNOWLEDGEMENTS,
  acknowledgementSchema,
  acknowledgementsFor,
  organizationAcknowledgements,
  rosterSliceAcknowledgements,
  specialtyAcknowledgements,
} from '../../policies/acknowledgements';
import { applyGates } from '../../policies/gates';
import { COLLECT_FINDINGS_CONTEXT, runGates } from '../../policies/run-gates';
import { AS_OF, cdkContext, exampleConfig, SKIP_BUNDLING } from '../lib/synth';

const example = () => parseConfig(exampleConfig(), 'example config');
const slicesOfExample = () => [...slicesOf(activePeople(example(), AS_OF).map((p) => p.id)).keys()];

describe('acknowledgements by configuration (no synth)', () => {
  const ids = (acks: { id: string; path?: string }[]) => acks.map((a) => `${a.id} @ ${a.path}`);

  test('the organization run: the member role name in the id, owned by platform engineering, well formed', () => {
    const acks = organizationAcknowledgements('audit-reader');
    expect(ids(acks)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/coding-env/audit-reader] @ CodingEnv/Compliance/Checks/Organization/Account',
      'AwsSolutions-IAM5[Resource::<ComplianceReportsBucket8753C0F4.Arn>/organization/*] @ CodingEnv/Compliance/Checks/Organization',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<ComplianceChecksStateMachine98FD031C.Name>/MemberAccounts:*] @ CodingEnv/Compliance/Checks/StateMachineMapPolicy',
    ]);
    for (const ack of acks) {
      expect(acknowledgementSchema.parse(ack)).toEqual(ack);
      expect(ack).toMatchObject({ owner: 'platform-engineering (policies/ CODEOWNERS)', reviewBy: '2027-06-30' });
    }
    expect(acks[0].reason).toMatch(/^Compensating control: the member accounts are not known at synth/);
  });

  test('acknowledgementsFor adds the organization run only when it is enabled, with its member role name', () => {
    const config = example();
    const withOrg = acknowledgementsFor(
      { ...config, awsOrganization: { enabled: true, organizationId: 'o-a1b2c3d4e5', targetOrganizationalUnitIds: ['r-ab12'], deployedFrom: 'management', memberRoleName: 'audit-reader', maxConcurrency: 10 } },
      AS_OF,
    );
    expect(withOrg.slice(-3)).toEqual(organizationAcknowledgements('audit-reader'));
    expect(withOrg).toHaveLength(acknowledgementsFor(config, AS_OF).length + 3);
  });

  test('a specialty: its prefix, its group, owned by the privacy officer', () => {
    const [ack] = specialtyAcknowledgements('radiology');
    expect(ack).toMatchObject({
      id: 'AwsSolutions-IAM5[Resource::<PhiStoreBucket905526D0.Arn>/radiology/*]',
      path: 'CodingEnv/Identities/Access-coders-radiology',
      owner: 'privacy-officer',
      reviewBy: '2027-06-30',
    });
    expect(ack.reason).toMatch(/^Compensating control: <bucket>\/radiology\/\* is the minimum-necessary boundary .*coders-radiology reach only objects/);
    expect(acknowledgementSchema.safeParse(ack).success).toBe(true);
  });

  test('a roster slice: its first passwords, for both packs', () => {
    const acks = rosterSliceAcknowledgements(2);
    expect(ids(acks)).toEqual([
      `AwsSolutions-SMG4 @ CodingEnv/Identities/${sliceConstructId(2)}/FirstPasswords`,
      `HIPAA.Security-SecretsManagerRotationEnabled @ CodingEnv/Identities/${sliceConstructId(2)}/FirstPasswords`,
    ]);
    for (const ack of acks) expect(acknowledgementSchema.safeParse(ack).success).toBe(true);
  });

  test('who is staffed decides the admins’, auditors’, specialty and streaming entries', () => {
    const config = example();
    const only = (role: string) => ({ ...config, people: config.people.filter((p) => p.role === role) });
    const paths = (c: typeof config) => acknowledgementsFor(c, AS_OF).map((a) => a.path);
    const adminPasswords = 'CodingEnv/Identities/Access-platform-admins';
    const auditors = 'CodingEnv/Identities/Access-compliance-auditors';
    const streaming = 'CodingEnv/StreamingAccess/Policy';
    expect(paths(only('admin'))).toContain(adminPasswords);
    expect(paths(only('admin'))).not.toContain(auditors);
    expect(paths(only('admin'))).not.toContain(streaming);
    expect(paths(only('auditor'))).toContain(auditors);
    expect(paths(only('auditor'))).not.toContain(adminPasswords);
    expect(paths(only('coder'))).toContain(streaming);
    expect(paths(only('coder'))).not.toContain(adminPasswords);
    expect(paths({ ...only('coder'), workstations: { enabled: false } })).not.toContain(streaming);
    // A specialty nobody codes gets no entry.
    expect(paths(only('admin')).filter((p) => p?.includes('Access-coders-'))).toEqual([]);
  });
});

describe('ACKNOWLEDGEMENTS', () => {
  // Pinned: adding, moving or widening an acknowledgement must show up here in review.
  test('the list of acknowledged findings of the example (id @ path)', () => {
    expect(acknowledgementsFor(example(), AS_OF).map((a) => `${a.id} @ ${a.path ?? '(whole app)'}`)).toEqual([
      'AwsSolutions-IAM5[Resource::*] @ CodingEnv/Identities/Guard/Policy',
      'AwsSolutions-IAM5[Resource::*] @ CodingEnv/AwsCustomResourceRole/Policy',
      'HIPAA.Security-LambdaConcurrency @ CodingEnv/AWS679f53fac002430cb0da5b7982bd2287',
      'HIPAA.Security-LambdaDLQ @ CodingEnv/AWS679f53fac002430cb0da5b7982bd2287',
      'HIPAA.Security-LambdaInsideVPC @ CodingEnv/AWS679f53fac002430cb0da5b7982bd2287',
      'HIPAA.Security-S3BucketReplicationEnabled @ CodingEnv/PhiStore/Bucket',
      'HIPAA.Security-S3BucketReplicationEnabled @ CodingEnv/AuditArchive/Bucket',
      'HIPAA.Security-S3BucketReplicationEnabled @ CodingEnv/AccessLogs/Bucket',
      'HIPAA.Security-S3DefaultEncryptionKMS @ CodingEnv/AccessLogs/Bucket',
      'HIPAA.Security-VPCNoUnrestrictedRouteToIGW @ CodingEnv/Network/Vpc/natSubnet1/DefaultRoute',
      'AwsSolutions-IAM5[Resource::*] @ CodingEnv/Compliance/Checks',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudformation:<AWS::Region>:<AWS::AccountId>:stack/CodingEnv/*] @ CodingEnv/Compliance/Checks/Check-audit-integrity',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*] @ CodingEnv/Compliance/Checks',
      'AwsSolutions-IAM5[Resource::<AuditArchiveBucketDB93AD31.Arn>/AWSLogs/*] @ CodingEnv/Compliance/Checks',
      'AwsSolutions-IAM5[Resource::<ComplianceAthenaResults1A9EA92D.Arn>/results/*] @ CodingEnv/Compliance/Checks',
      'AwsSolutions-IAM5[Resource::<ComplianceReportsBucket8753C0F4.Arn>/reports/*] @ CodingEnv/Compliance',
      'AwsSolutions-IAM5[Resource::<ComplianceReportsBucket8753C0F4.Arn>/log-reviews/*] @ CodingEnv/Compliance',
      'HIPAA.Security-LambdaConcurrency @ CodingEnv/Compliance/Checks',
      'HIPAA.Security-LambdaDLQ @ CodingEnv/Compliance/Checks',
      'HIPAA.Security-S3BucketReplicationEnabled @ CodingEnv/Compliance',
      ...slicesOfExample().flatMap((n) => [
        `AwsSolutions-SMG4 @ CodingEnv/Identities/${sliceConstructId(n)}/FirstPasswords`,
        `HIPAA.Security-SecretsManagerRotationEnabled @ CodingEnv/Identities/${sliceConstructId(n)}/FirstPasswords`,
      ]),
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:coding-env/*/first-password-??????] @ CodingEnv/Identities/Access-platform-admins',
      'AwsSolutions-IAM5[Resource::*] @ CodingEnv/Identities/Access-compliance-auditors',
      'AwsSolutions-IAM5[Resource::<AuditArchiveBucketDB93AD31.Arn>/AWSLogs/*] @ CodingEnv/Identities/Access-compliance-auditors',
      'AwsSolutions-IAM5[Resource::<AuditArchiveBucketDB93AD31.Arn>/AWSLogs/*] @ CodingEnv/Compliance/Athena/PeopleQueryPolicy',
      'AwsSolutions-IAM5[Resource::<ComplianceAthenaResults1A9EA92D.Arn>/results/*] @ CodingEnv/Compliance/Athena/PeopleQueryPolicy',
      'AwsSolutions-IAM5[Resource::<PhiStoreBucket905526D0.Arn>/cardiology/*] @ CodingEnv/Identities/Access-coders-cardiology',
      'AwsSolutions-IAM5[Resource::<PhiStoreBucket905526D0.Arn>/behavioral-health/*] @ CodingEnv/Identities/Access-coders-behavioral-health',
      'AwsSolutions-IAM5[Resource::<PhiStoreBucket905526D0.Arn>/orthopedics/*] @ CodingEnv/Identities/Access-coders-orthopedics',
      'AwsSolutions-IAM5[Resource::*] @ CodingEnv/StreamingAccess/Policy',
    ]);
  });

  test('every entry names its owner and a review date that has not passed', () => {
    for (const ack of acknowledgementsFor(example(), AS_OF)) {
      expect(ack.owner.length).toBeGreaterThan(2);
      expect(ack.reviewBy >= new Date().toISOString().slice(0, 10)).toBe(true);
    }
  });

  test('every entry is well formed and names its compensating control', () => {
    for (const ack of acknowledgementsFor(example(), AS_OF)) expect(acknowledgementSchema.safeParse(ack).success).toBe(true);
  });

  test('no acknowledgement covers the whole app', () => {
    expect(acknowledgementsFor(example(), AS_OF).filter((a) => a.path === undefined)).toEqual([]);
  });

  test('the fixed list is what every configuration gets; specialties add one entry each, workstations one', () => {
    const config = example();
    expect(acknowledgementsFor({ ...config, people: [] }, AS_OF)).toEqual([...ACKNOWLEDGEMENTS]);
    // Two per roster slice (its first passwords), the admins' first-password pattern, the auditors' two grants and their two Athena entries, one per staffed specialty, the streaming access's listing.
    const fixed = ACKNOWLEDGEMENTS.length + 2 * slicesOfExample().length + 1 + 4 + config.specialties.length;
    expect(acknowledgementsFor(config, AS_OF)).toHaveLength(fixed + 1);
    expect(acknowledgementsFor({ ...config, workstations: { enabled: false } }, AS_OF)).toHaveLength(fixed);
  });
});

describe('acknowledgementsFor, applied to the environment', () => {
  function gate(mutate?: (raw: ReturnType<typeof exampleConfig>) => void) {
    const raw = exampleConfig();
    mutate?.(raw);
    const config = parseConfig(raw, 'test config');
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'acks-')), context: { ...cdkContext(), ...COLLECT_FINDINGS_CONTEXT, [SKIP_BUNDLING]: [] } });
    buildCodingEnv(app, config, { asOf: AS_OF });
    const acknowledgements = acknowledgementsFor(config, AS_OF);
    applyGates(app, acknowledgements);
    return { acknowledgements, findings: runGates(app).findings };
  }

  test('the example leaves nothing open, and every acknowledgement silences a finding (none is stale)', () => {
    const { acknowledgements, findings } = gate();
    expect(findings.filter((f) => !f.acknowledged && f.level === 'error')).toEqual([]);
    for (const ack of acknowledgements) {
      expect(findings.some((f) => f.ruleId === ack.id && f.acknowledged?.at === ack.path)).toBe(true);
    }
  });

  test('another organisation (SAML, no workstations, other specialties, no lead, no auditor) needs no other acknowledgement', () => {
    const { findings, acknowledgements } = gate((raw) => {
      raw.specialties = ['radiology', 'oncology'];
      // Nobody holds coding-leads, compliance-auditors or coders-oncology: those groups are not created.
      raw.people = raw.people.filter((p) => p.role === 'admin');
      raw.people.push({ id: 'zz', name: 'Z Z', email: 'zz@example.org', role: 'coder', specialties: ['radiology'], status: 'active', startDate: '2025-01-01' });
      raw.workstations = { enabled: false };
      raw.network.vpn = { serverCertificateArn: raw.network.vpn.serverCertificateArn, samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/idp', accessGroupId: 'coders' };
    });
    expect(findings.filter((f) => !f.acknowledged && f.level === 'error')).toEqual([]);
    expect(acknowledgements.map((a) => a.path)).not.toContain('CodingEnv/Identities/Access-coders-oncology');
  });
});
