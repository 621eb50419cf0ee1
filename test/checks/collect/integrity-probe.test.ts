import { CloudFormationClient, DescribeStackDriftDetectionStatusCommand, DescribeStackResourceDriftsCommand, DetectStackDriftCommand } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectLockConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { probeIntegrity } from '../../../checks/collect/integrity-probe';
import type { InputRecord } from '../../../checks/report-model';
import { integrityFindings } from '../../../checks/rules/integrity-probe';
import { INTEGRITY_TARGET } from '../integrity-target';

const cloudTrail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
const cloudFormation = mockClient(CloudFormationClient);
const clients = { cloudTrail: new CloudTrailClient({ region: 'us-east-1' }), s3: new S3Client({ region: 'us-east-1' }), cloudFormation: new CloudFormationClient({ region: 'us-east-1' }) };
const target = INTEGRITY_TARGET;
const denied = (action: string) => Object.assign(new Error(`User is not authorized to perform: ${action}`), { name: 'AccessDeniedException' });
const sleeps: number[] = [];
const options = { pollMs: 10, maxPolls: 3, sleep: async (ms: number) => void sleeps.push(ms) };

// As the stack deploys it: CDK's addS3EventSelector writes a basic selector on the bucket root.
function healthy(): void {
  cloudTrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  cloudTrail.on(GetEventSelectorsCommand).resolves({
    TrailARN: target.trailArn,
    EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::examplecoding-phi-records/'] }] }],
  });
  s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } } });
  cloudFormation.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: 'b78ac9b0-dec1-11e7-a451-50d5cd24fac6' });
  cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolves({ StackId: 'x', StackDriftDetectionId: 'b78ac9b0-dec1-11e7-a451-50d5cd24fac6', DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'IN_SYNC', Timestamp: new Date() });
  cloudFormation.on(DescribeStackResourceDriftsCommand).resolves({ StackResourceDrifts: [drift('AuditTrailTrail1C5F0E7E', 'AWS::CloudTrail::Trail', 'IN_SYNC')] });
}

function drift(logicalId: string, type: string, status: string, paths: string[] = []) {
  return { StackId: 'x', LogicalResourceId: logicalId, ResourceType: type, StackResourceDriftStatus: status as 'IN_SYNC', Timestamp: new Date(), PropertyDifferences: paths.map((p) => ({ PropertyPath: p, ExpectedValue: 'secret-ish', ActualValue: 'x', DifferenceType: 'NOT_EQUAL' as const })) };
}

async function probe() {
  const inputs: InputRecord[] = [];
  const state = await probeIntegrity(clients, target, inputs, options);
  return { state, inputs, findings: state.ok ? integrityFindings(state.value, target) : [] };
}
const rulesOf = (f: { rule: string; principal: string; severity: string }[]) => f.map((x) => `${x.rule}:${x.principal}:${x.severity}`);

beforeEach(() => {
  for (const m of [cloudTrail, s3, cloudFormation]) m.reset();
  sleeps.length = 0;
  healthy();
});

describe('integrity probe: a healthy environment', () => {
  test('reads all four and finds nothing; the probe is listed as read', async () => {
    const { state, findings, inputs } = await probe();
    expect(state.ok).toBe(true);
    expect(findings).toEqual([]);
    expect(inputs).toEqual([expect.objectContaining({ source: 'api:integrity:CodingEnv', status: 'read' })]);
    expect(cloudTrail.commandCalls(GetTrailStatusCommand)[0].args[0].input).toEqual({ Name: target.trailArn });
    expect(cloudTrail.commandCalls(GetEventSelectorsCommand)[0].args[0].input).toEqual({ TrailName: target.trailArn });
    expect(cloudFormation.commandCalls(DescribeStackDriftDetectionStatusCommand)[0].args[0].input).toEqual({ StackDriftDetectionId: 'b78ac9b0-dec1-11e7-a451-50d5cd24fac6' });
    expect(cloudFormation.commandCalls(DescribeStackResourceDriftsCommand)[0].args[0].input).toEqual({ StackName: 'CodingEnv', NextToken: undefined });
    expect(s3.commandCalls(GetObjectLockConfigurationCommand)[0].args[0].input).toEqual({ Bucket: target.archiveBucket });
    expect(cloudFormation.commandCalls(DetectStackDriftCommand)[0].args[0].input).toEqual({ StackName: 'CodingEnv' });
  });
  test('an advanced selector on the bucket counts as much as a basic one', async () => {
    cloudTrail.on(GetEventSelectorsCommand).resolves({
      AdvancedEventSelectors: [{ Name: 'PHI', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::examplecoding-phi-records/'] }] }],
    });
    expect((await probe()).findings).toEqual([]);
  });
  test('waits for drift detection to finish, polling its status', async () => {
    cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolvesOnce({ DetectionStatus: 'DETECTION_IN_PROGRESS' } as never).resolves({ DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'IN_SYNC' } as never);
    expect((await probe()).state.ok).toBe(true);
    expect(sleeps).toEqual([10]);
  });
});

describe('integrity probe: each failure is a high finding', () => {
  test('the trail is not logging', async () => {
    cloudTrail.on(GetTrailStatusCommand).resolves({ IsLogging: false });
    expect(rulesOf((await probe()).findings)).toEqual(['trail-not-logging:CodingEnv-AuditTrail:high']);
  });
  test.each([
    ['narrowed to reads', { EventSelectors: [{ ReadWriteType: 'ReadOnly' as const, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::examplecoding-phi-records/'] }] }] }, ['write']],
    ['moved to another bucket', { EventSelectors: [{ ReadWriteType: 'All' as const, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::other-bucket/'] }] }] }, ['read', 'write']],
    ['only one prefix', { EventSelectors: [{ ReadWriteType: 'All' as const, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::examplecoding-phi-records/cardiology/'] }] }] }, ['read', 'write']],
    ['removed', { EventSelectors: [{ ReadWriteType: 'All' as const, IncludeManagementEvents: true, DataResources: [] }] }, ['read', 'write']],
    [
      'an advanced selector narrowed by event name',
      { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'eventName', Equals: ['PutObject'] }] }] },
      ['read', 'write'],
    ],
    [
      'an advanced selector excluding the bucket',
      { AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::examplecoding-phi-records/'] }] }] },
      ['read', 'write'],
    ],
  ])('the PHI data-event selector %s', async (_label, selectors, missing) => {
    cloudTrail.on(GetEventSelectorsCommand).resolves(selectors);
    const { findings } = await probe();
    expect(rulesOf(findings)).toEqual(['selectors-missing-phi:CodingEnv-AuditTrail:high']);
    expect(findings[0].evidence.missing).toEqual(missing);
  });
  test.each([
    ['GOVERNANCE', { ObjectLockEnabled: 'Enabled' as const, Rule: { DefaultRetention: { Mode: 'GOVERNANCE' as const, Days: 2192 } } }],
    ['shortened to a year', { ObjectLockEnabled: 'Enabled' as const, Rule: { DefaultRetention: { Mode: 'COMPLIANCE' as const, Days: 365 } } }],
    ['without a default rule', { ObjectLockEnabled: 'Enabled' as const }],
  ])('the archive lock %s', async (_label, config) => {
    s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: config });
    expect(rulesOf((await probe()).findings)).toEqual(['object-lock-weakened:codingenv-auditarchive-bucket:high']);
  });
  test('no Object Lock configuration at all is a finding, not an error', async () => {
    s3.on(GetObjectLockConfigurationCommand).rejects(Object.assign(new Error('Object Lock configuration does not exist for this bucket'), { name: 'ObjectLockConfigurationNotFoundError' }));
    const { state, findings } = await probe();
    expect(rulesOf(findings)).toEqual(['object-lock-weakened:codingenv-auditarchive-bucket:high']);
    expect(state.ok && state.value.objectLock).toEqual({ enabled: false });
  });
  test('seven years of COMPLIANCE is not weaker than 2192 days', async () => {
    s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } } });
    expect((await probe()).findings).toEqual([]);
  });
  test('drift on a security resource, across pages; drift elsewhere and unchecked types are not findings; no values copied', async () => {
    cloudFormation
      .on(DescribeStackResourceDriftsCommand)
      .resolvesOnce({ StackResourceDrifts: [drift('PhiStoreBucketPolicy3C4B3A2D', 'AWS::S3::BucketPolicy', 'MODIFIED', ['/PolicyDocument/Statement/0'])], NextToken: 'page-2' })
      .resolves({ StackResourceDrifts: [drift('KeysAuditKey1D4A6C27', 'AWS::KMS::Key', 'DELETED'), drift('NetworkVpcRoute', 'AWS::EC2::Route', 'MODIFIED', ['/DestinationCidrBlock']), drift('Custom', 'Custom::VpcRestrictDefaultSG', 'NOT_CHECKED')] });
    const { findings } = await probe();
    expect(rulesOf(findings)).toEqual(['stack-drift:PhiStoreBucketPolicy3C4B3A2D:high', 'stack-drift:KeysAuditKey1D4A6C27:high']);
    expect(findings[0].evidence).toMatchObject({ properties: ['/PolicyDocument/Statement/0'], driftStatus: 'MODIFIED' });
    expect(JSON.stringify(findings)).not.toContain('secret-ish');
  });
});

describe('integrity probe: each API failure makes it unavailable (error), naming the call', () => {
  test.each([
    ['cloudtrail:GetTrailStatus', () => cloudTrail.on(GetTrailStatusCommand).rejects(denied('cloudtrail:GetTrailStatus'))],
    ['cloudtrail:GetEventSelectors', () => cloudTrail.on(GetEventSelectorsCommand).rejects(denied('cloudtrail:GetEventSelectors'))],
    ['s3:GetObjectLockConfiguration', () => s3.on(GetObjectLockConfigurationCommand).rejects(denied('s3:GetBucketObjectLockConfiguration'))],
    ['cloudformation:DetectStackDrift', () => cloudFormation.on(DetectStackDriftCommand).rejects(denied('cloudformation:DetectStackDrift'))],
    ['cloudformation:DescribeStackDriftDetectionStatus', () => cloudFormation.on(DescribeStackDriftDetectionStatusCommand).rejects(denied('x'))],
    ['cloudformation:DescribeStackResourceDrifts', () => cloudFormation.on(DescribeStackResourceDriftsCommand).rejects(denied('x'))],
  ])('%s denied', async (action, fail) => {
    fail();
    const { state, inputs } = await probe();
    expect(state).toEqual({ ok: false, error: expect.stringContaining(`${action} failed: AccessDeniedException`) });
    expect(inputs).toEqual([expect.objectContaining({ status: 'skipped', kind: 'integrity-probe' })]);
  });
  test('drift detection that fails (it could not read some resource) is an error with AWS\'s reason', async () => {
    cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolves({ DetectionStatus: 'DETECTION_FAILED', DetectionStatusReason: 'Failed to detect drift on resource [PhiStoreBucket]' } as never);
    expect((await probe()).state).toEqual({ ok: false, error: expect.stringMatching(/drift detection of stack CodingEnv failed: Failed to detect drift on resource \[PhiStoreBucket\]/) });
  });
  test('drift detection that does not finish within the polls is an error, not a pass', async () => {
    cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolves({ DetectionStatus: 'DETECTION_IN_PROGRESS' } as never);
    expect((await probe()).state).toEqual({ ok: false, error: expect.stringMatching(/did not finish after 3 polls/) });
    expect(sleeps).toEqual([10, 10]);
  });
  test('a drift paginator that repeats its token is an error, never an endless loop', async () => {
    cloudFormation.on(DescribeStackResourceDriftsCommand).resolves({ StackResourceDrifts: [], NextToken: 'again' });
    expect((await probe()).state).toEqual({ ok: false, error: expect.stringMatching(/repeated a token/) });
  });
});

describe('integrity probe: the state as read, field by field', () => {
  test('sparse answers map to explicit defaults; every advanced operator is kept, absent ones are left out', async () => {
    cloudTrail.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [{}, { ReadWriteType: 'WriteOnly', DataResources: [{}] }],
      AdvancedEventSelectors: [{} as never, { FieldSelectors: [{} as never, { Field: 'resources.ARN', Equals: ['a'], StartsWith: ['b'], NotEquals: ['c'], NotStartsWith: ['d'], EndsWith: ['e'], NotEndsWith: ['f'] }] }],
    });
    s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 7 } } } });
    cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolves({ DetectionStatus: 'DETECTION_COMPLETE' } as never);
    cloudFormation.on(DescribeStackResourceDriftsCommand).resolves({ StackResourceDrifts: [{ PropertyDifferences: [{}, { PropertyPath: '/Tags' }] } as never, { LogicalResourceId: 'Key', ResourceType: 'AWS::KMS::Key', StackResourceDriftStatus: 'IN_SYNC' } as never] });
    const inputs: InputRecord[] = [];
    const state = await probeIntegrity(clients, target, inputs, options);
    expect(state).toEqual({
      ok: true,
      value: {
        trail: { arn: target.trailArn, isLogging: true },
        selectors: {
          basic: [
            { readWriteType: 'All', dataResources: [] },
            { readWriteType: 'WriteOnly', dataResources: [{ type: '', values: [] }] },
          ],
          advanced: [{ fields: [] }, { fields: [{ field: '' }, { field: 'resources.ARN', equals: ['a'], startsWith: ['b'], notEquals: ['c'], notStartsWith: ['d'], endsWith: ['e'], notEndsWith: ['f'] }] }],
        },
        objectLock: { enabled: true, mode: 'COMPLIANCE', years: 7 },
        drift: {
          stack: 'CodingEnv',
          stackStatus: 'UNKNOWN',
          resources: [
            { logicalId: '', type: '', status: 'UNKNOWN', properties: ['/Tags'] },
            { logicalId: 'Key', type: 'AWS::KMS::Key', status: 'IN_SYNC', properties: [] },
          ],
        },
      },
    });
    expect(inputs).toEqual([{ source: 'api:integrity:CodingEnv', kind: 'integrity-probe', status: 'read', records: 5, sha256: '' }]);
  });

  test('no selectors and no drifts at all: empty lists, three records', async () => {
    cloudTrail.on(GetEventSelectorsCommand).resolves({});
    s3.on(GetObjectLockConfigurationCommand).resolves({});
    cloudFormation.on(DescribeStackResourceDriftsCommand).resolves({});
    const inputs: InputRecord[] = [];
    const state = await probeIntegrity(clients, target, inputs, options);
    expect(state.ok && state.value.selectors).toEqual({ basic: [], advanced: [] });
    expect(state.ok && state.value.objectLock).toEqual({ enabled: false });
    expect(state.ok && state.value.drift).toEqual({ stack: 'CodingEnv', stackStatus: 'IN_SYNC', resources: [] });
    expect(inputs[0].records).toBe(3);
  });
});

describe('integrity probe: answers that cannot be judged are errors, with words an officer can read', () => {
  const failing = async () => {
    const inputs: InputRecord[] = [];
    const state = await probeIntegrity(clients, target, inputs, options);
    return { error: state.ok ? '' : state.error, inputs };
  };
  test('GetTrailStatus without IsLogging', async () => {
    cloudTrail.on(GetTrailStatusCommand).resolves({});
    const { error, inputs } = await failing();
    expect(error).toBe('integrity probe: cloudtrail:GetTrailStatus: the answer has no IsLogging');
    expect(inputs).toEqual([{ source: 'api:integrity:CodingEnv', kind: 'integrity-probe', status: 'skipped', records: 0, sha256: '', problem: 'cloudtrail:GetTrailStatus: the answer has no IsLogging' }]);
    expect(cloudTrail.commandCalls(GetEventSelectorsCommand)).toHaveLength(0);
  });
  test('DetectStackDrift without a detection id', async () => {
    cloudFormation.on(DetectStackDriftCommand).resolves({} as never);
    expect((await failing()).error).toBe('integrity probe: cloudformation:DetectStackDrift: the answer has no StackDriftDetectionId');
  });
  test('a failed detection without a reason', async () => {
    cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolves({ DetectionStatus: 'DETECTION_FAILED' } as never);
    expect((await failing()).error).toBe('integrity probe: drift detection of stack CodingEnv failed: no reason given');
  });
  test('more drift pages than the cap', async () => {
    let n = 0;
    cloudFormation.on(DescribeStackResourceDriftsCommand).callsFake(() => ({ StackResourceDrifts: [], NextToken: `t${(n += 1)}` }));
    const inputs: InputRecord[] = [];
    const state = await probeIntegrity(clients, target, inputs, { ...options, maxPages: 2 });
    expect(state).toEqual({ ok: false, error: 'integrity probe: cloudformation:DescribeStackResourceDrifts: more than 2 pages' });
    expect(cloudFormation.commandCalls(DescribeStackResourceDriftsCommand)).toHaveLength(2);
  });
  test('a failure names the action and error, with only the first line of its message, or none', async () => {
    cloudTrail.on(GetTrailStatusCommand).rejects(Object.assign(new Error('first line\nsecond line'), { name: 'TrailNotFoundException' }));
    expect((await failing()).error).toBe('integrity probe: cloudtrail:GetTrailStatus failed: TrailNotFoundException (first line)');
    cloudTrail.on(GetTrailStatusCommand).rejects(Object.assign(new Error(''), { name: 'InternalFailure' }));
    expect((await failing()).error).toBe('integrity probe: cloudtrail:GetTrailStatus failed: InternalFailure');
  });
});

test('integrity probe: without a sleep of its own, drift polls wait on a real timer of the poll interval', async () => {
  cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolvesOnce({ DetectionStatus: 'DETECTION_IN_PROGRESS' } as never).resolves({ DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'IN_SYNC' } as never);
  const timers = jest.spyOn(global, 'setTimeout');
  try {
    const state = await probeIntegrity(clients, target, [], { pollMs: 7, maxPolls: 3 });
    expect(state.ok).toBe(true);
    expect(timers).toHaveBeenCalledWith(expect.any(Function), 7);
  } finally {
    timers.mockRestore();
  }
});
