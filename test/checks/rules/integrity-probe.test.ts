import type { AdvancedSelector, BasicSelector, IntegrityState, ResourceDrift } from '../../../checks/model/integrity';
import { integrityFindings, isSecurityResource } from '../../../checks/rules/integrity-probe';
import { INTEGRITY_TARGET } from '../integrity-target';

// The rule over what the probe read, field by field (the probe's own test covers the API calls).
const target = INTEGRITY_TARGET;
const ROOT = 'arn:aws:s3:::examplecoding-phi-records/';
// As the stack deploys it: CDK's addS3EventSelector, one basic selector on the bucket root.
const deployedSelector: BasicSelector = { readWriteType: 'All', dataResources: [{ type: 'AWS::S3::Object', values: [ROOT] }] };

function state(over: Partial<{ [K in keyof IntegrityState]: Partial<IntegrityState[K]> }> = {}): IntegrityState {
  return {
    trail: { arn: target.trailArn, isLogging: true, ...over.trail },
    selectors: { basic: [deployedSelector], advanced: [], ...over.selectors },
    objectLock: { enabled: true, mode: 'COMPLIANCE', days: 2192, ...over.objectLock },
    drift: { stack: 'CodingEnv', stackStatus: 'IN_SYNC', resources: [], ...over.drift },
  };
}
const findings = (over: Parameters<typeof state>[0]) => integrityFindings(state(over), target);
const basic = (readWriteType: string, ...values: string[]): BasicSelector => ({ readWriteType, dataResources: [{ type: 'AWS::S3::Object', values }] });
const selectors = (basicSelectors: BasicSelector[], advanced: AdvancedSelector[] = []) => findings({ selectors: { basic: basicSelectors, advanced } });
type Field = AdvancedSelector['fields'][number];
const DATA: Field = { field: 'eventCategory', equals: ['Data'] };
const OBJECTS: Field = { field: 'resources.type', equals: ['AWS::S3::Object'] };
/** An advanced selector on S3 data events with the given further fields. */
const advanced = (...fields: Field[]): AdvancedSelector => ({ fields: [DATA, OBJECTS, ...fields] });
const missing = (list: ReturnType<typeof findings>) => list.map((f) => (f.rule === 'selectors-missing-phi' ? f.evidence.missing : f.rule));
const NONE_RECORDED = [['read', 'write']];

describe('integrity probe rule: the deployed state', () => {
  test('a logging trail, the deployed selector, COMPLIANCE for 2192 days and no drift: no finding', () => {
    expect(findings({})).toEqual([]);
  });
});

describe('integrity probe rule: trail-not-logging', () => {
  test('a stopped trail is one high finding naming the trail', () => {
    expect(findings({ trail: { isLogging: false } })).toEqual([
      {
        check: 'audit-integrity',
        rule: 'trail-not-logging',
        principal: 'CodingEnv-AuditTrail',
        severity: 'high',
        summary: 'The trail CodingEnv-AuditTrail is not logging: nothing anyone does is recorded. Start logging again (redeploy the stack) and find out who stopped it.',
        evidence: { trailArn: target.trailArn },
      },
    ]);
  });
});

describe('integrity probe rule: selectors-missing-phi, basic selectors', () => {
  test('reads dropped: the finding says reads, in full', () => {
    expect(selectors([basic('WriteOnly', ROOT)])).toEqual([
      {
        check: 'audit-integrity',
        rule: 'selectors-missing-phi',
        principal: 'CodingEnv-AuditTrail',
        severity: 'high',
        summary: 'The trail CodingEnv-AuditTrail no longer records reads of PHI objects in examplecoding-phi-records: restore its data-event selectors (redeploy the stack).',
        evidence: { trailArn: target.trailArn, bucket: 'examplecoding-phi-records', missing: ['read'] },
      },
    ]);
  });
  test('writes dropped: the finding says writes', () => {
    const [f] = selectors([basic('ReadOnly', ROOT)]);
    expect(f.summary).toBe('The trail CodingEnv-AuditTrail no longer records writes of PHI objects in examplecoding-phi-records: restore its data-event selectors (redeploy the stack).');
    expect(f.evidence.missing).toEqual(['write']);
  });
  test('no selector at all: reads and writes', () => {
    const [f] = selectors([]);
    expect(f.summary).toContain(' no longer records reads and writes of PHI objects ');
    expect(f.evidence.missing).toEqual(['read', 'write']);
  });
  test('a read-only and a write-only selector together record both', () => {
    expect(selectors([basic('ReadOnly', ROOT), basic('WriteOnly', ROOT)])).toEqual([]);
    expect(selectors([basic('WriteOnly', ROOT), basic('ReadOnly', ROOT)])).toEqual([]);
  });
  test.each([
    ['every S3 object (arn:aws:s3)', 'arn:aws:s3'],
    ['every bucket (arn:aws:s3:::)', 'arn:aws:s3:::'],
    ['the bucket root', ROOT],
  ])('a value of %s covers the bucket', (_label, value) => {
    expect(selectors([basic('All', value)])).toEqual([]);
  });
  test('one covering value among others is enough', () => {
    expect(selectors([basic('All', 'arn:aws:s3:::other-bucket/', ROOT)])).toEqual([]);
  });
  test.each([
    ['another bucket', 'arn:aws:s3:::other-bucket/'],
    ['one prefix of the bucket', `${ROOT}cardiology/`],
    ['a bucket whose name begins the same', 'arn:aws:s3:::examplecoding-phi-records-old/'],
  ])('%s does not cover the bucket', (_label, value) => {
    expect(missing(selectors([basic('All', value)]))).toEqual(NONE_RECORDED);
  });
  test('a selector of another resource type does not count, whatever its values', () => {
    expect(missing(selectors([{ readWriteType: 'All', dataResources: [{ type: 'AWS::Lambda::Function', values: ['arn:aws:s3', ROOT] }] }]))).toEqual(NONE_RECORDED);
  });
  test('an unknown read/write type records neither side', () => {
    expect(missing(selectors([basic('None', ROOT)]))).toEqual(NONE_RECORDED);
  });
});

describe('integrity probe rule: selectors-missing-phi, advanced selectors', () => {
  const adv = (...fields: Field[]) => missing(selectors([], [advanced(...fields)]));
  test('data events on S3 objects with no narrowing cover the bucket', () => {
    expect(adv()).toEqual([]);
  });
  test('the ARN starting with the bucket root, with all buckets, or with one of several prefixes that takes it in', () => {
    expect(adv({ field: 'resources.ARN', startsWith: [ROOT] })).toEqual([]);
    expect(adv({ field: 'resources.ARN', startsWith: ['arn:aws:s3:::'] })).toEqual([]);
    expect(adv({ field: 'resources.ARN', startsWith: ['arn:aws:s3:::other-bucket/', ROOT] })).toEqual([]);
  });
  test('the ARN narrowed to another bucket or to a prefix of the bucket does not cover it', () => {
    expect(adv({ field: 'resources.ARN', startsWith: ['arn:aws:s3:::other-bucket/'] })).toEqual(NONE_RECORDED);
    expect(adv({ field: 'resources.ARN', startsWith: [`${ROOT}cardiology/`] })).toEqual(NONE_RECORDED);
  });
  test.each<[string, Field]>([
    ['Equals the root (one object, not the bucket)', { field: 'resources.ARN', equals: [ROOT] }],
    ['EndsWith a suffix', { field: 'resources.ARN', endsWith: ['.pdf'] }],
    ['NotEndsWith a suffix', { field: 'resources.ARN', notEndsWith: ['.tmp'] }],
    ['NotStartsWith a prefix inside the bucket', { field: 'resources.ARN', notStartsWith: [`${ROOT}scratch/`] }],
    ['NotStartsWith a prefix taking in the bucket', { field: 'resources.ARN', notStartsWith: ['arn:aws:s3:::examplecoding-'] }],
    ['NotEquals one object', { field: 'resources.ARN', notEquals: [`${ROOT}index.csv`] }],
    ['NotEquals the root', { field: 'resources.ARN', notEquals: [ROOT] }],
    ['NotStartsWith another bucket and a prefix inside this one', { field: 'resources.ARN', notStartsWith: ['arn:aws:s3:::other-bucket/', `${ROOT}scratch/`] }],
    ['NotEquals an object elsewhere and one here', { field: 'resources.ARN', notEquals: ['arn:aws:s3:::other-bucket/a.csv', `${ROOT}index.csv`] }],
  ])('an ARN condition that %s leaves accesses unrecorded', (_label, field) => {
    expect(adv(field)).toEqual(NONE_RECORDED);
  });
  test('an empty NotEndsWith and exclusions of other buckets narrow nothing', () => {
    expect(adv({ field: 'resources.ARN', notEndsWith: [] })).toEqual([]);
    expect(adv({ field: 'resources.ARN', notStartsWith: ['arn:aws:s3:::other-bucket/'], notEquals: ['arn:aws:s3:::other-bucket/x'] })).toEqual([]);
  });
  test('readOnly equal to true records reads, to false writes, to both everything', () => {
    expect(adv({ field: 'readOnly', equals: ['true'] })).toEqual([['write']]);
    expect(adv({ field: 'readOnly', equals: ['false'] })).toEqual([['read']]);
    expect(adv({ field: 'readOnly', equals: ['true', 'false'] })).toEqual([]);
  });
  test('readOnly by any operator but Equals alone is taken as narrowing', () => {
    expect(adv({ field: 'readOnly', notEquals: ['false'] })).toEqual(NONE_RECORDED);
    expect(adv({ field: 'readOnly', equals: ['true', 'false'], notEquals: ['true'] })).toEqual(NONE_RECORDED);
  });
  test('a field with no operator selects nothing', () => {
    expect(missing(selectors([], [{ fields: [{ field: 'eventCategory' }, OBJECTS] }]))).toEqual(NONE_RECORDED);
  });
  test('a reads-only and a writes-only advanced selector together record both', () => {
    expect(missing(selectors([], [advanced({ field: 'readOnly', equals: ['true'] }), advanced({ field: 'readOnly', equals: ['false'] })]))).toEqual([]);
  });
  test.each<[string, Field]>([
    ['an event name', { field: 'eventName', equals: ['PutObject'] }],
    ['an event name excluded', { field: 'eventName', notEquals: ['DeleteObject'] }],
    ['a source address', { field: 'sourceIPAddress', notStartsWith: ['10.'] }],
  ])('any other field (%s) leaves accesses unrecorded', (_label, field) => {
    expect(adv(field)).toEqual(NONE_RECORDED);
  });
  test('without eventCategory Data, or without resources.type S3 object, it records no PHI access', () => {
    expect(missing(selectors([], [{ fields: [OBJECTS] }]))).toEqual(NONE_RECORDED);
    expect(missing(selectors([], [{ fields: [DATA] }]))).toEqual(NONE_RECORDED);
    expect(missing(selectors([], [{ fields: [{ field: 'eventCategory', equals: ['Management'] }, OBJECTS] }]))).toEqual(NONE_RECORDED);
    expect(missing(selectors([], [{ fields: [DATA, { field: 'resources.type', equals: ['AWS::DynamoDB::Table'] }] }]))).toEqual(NONE_RECORDED);
  });
  // eventCategory and resources.type count only when selected by Equals alone.
  test.each(['startsWith', 'notEquals', 'notStartsWith', 'endsWith', 'notEndsWith'] as const)('eventCategory Equals Data with %s as well is not taken as selecting data events', (op) => {
    expect(missing(selectors([], [{ fields: [{ field: 'eventCategory', equals: ['Data'], [op]: ['x'] }, OBJECTS] }]))).toEqual(NONE_RECORDED);
  });
  test('eventCategory by NotEquals alone is not taken as selecting data events', () => {
    expect(missing(selectors([], [{ fields: [{ field: 'eventCategory', notEquals: ['Management'] }, OBJECTS] }]))).toEqual(NONE_RECORDED);
  });
  test('a basic selector that covers makes up for an advanced one that does not', () => {
    expect(missing(selectors([deployedSelector], [advanced({ field: 'eventName', equals: ['GetObject'] })]))).toEqual([]);
  });
});

describe('integrity probe rule: object-lock-weakened', () => {
  const lock = (objectLock: Partial<IntegrityState['objectLock']>) => findings({ objectLock: { mode: undefined, days: undefined, years: undefined, ...objectLock } });
  const summary = (now: string) => `The audit archive codingenv-auditarchive-bucket's default retention is ${now}, not COMPLIANCE for 2192 days: new trail files can be deleted early. Restore it and find out who changed it.`;
  test('GOVERNANCE for the retention: the full finding', () => {
    expect(lock({ enabled: true, mode: 'GOVERNANCE', days: 2192 })).toEqual([
      {
        check: 'audit-integrity',
        rule: 'object-lock-weakened',
        principal: 'codingenv-auditarchive-bucket',
        severity: 'high',
        summary: summary('GOVERNANCE 2192 days'),
        evidence: { bucket: 'codingenv-auditarchive-bucket', expected: { mode: 'COMPLIANCE', days: 2192 }, found: { enabled: true, mode: 'GOVERNANCE', days: 2192 } },
      },
    ]);
  });
  test('exactly the retention in days is enough; one day less is not', () => {
    expect(lock({ enabled: true, mode: 'COMPLIANCE', days: 2192 })).toEqual([]);
    const [f] = lock({ enabled: true, mode: 'COMPLIANCE', days: 2191 });
    expect(f.summary).toBe(summary('COMPLIANCE 2191 days'));
    expect(f.evidence.found).toStrictEqual({ enabled: true, mode: 'COMPLIANCE', days: 2191 });
  });
  test('years count as 365 days: seven are enough, five are not', () => {
    expect(lock({ enabled: true, mode: 'COMPLIANCE', years: 7 })).toEqual([]);
    expect(integrityFindings(state({ objectLock: { mode: 'COMPLIANCE', days: undefined, years: 6 } }), { ...target, retentionDays: 2190 })).toEqual([]);
    const [f] = lock({ enabled: true, mode: 'COMPLIANCE', years: 5 });
    expect(f.summary).toBe(summary('COMPLIANCE 5 years'));
    expect(f.evidence.found).toStrictEqual({ enabled: true, mode: 'COMPLIANCE', years: 5 });
  });
  test('a COMPLIANCE mode with no period retains nothing', () => {
    const [f] = lock({ enabled: true, mode: 'COMPLIANCE' });
    expect(f.summary).toBe(summary('COMPLIANCE'));
    expect(f.evidence.found).toStrictEqual({ enabled: true, mode: 'COMPLIANCE' });
    expect(integrityFindings(state({ objectLock: { mode: 'COMPLIANCE', days: undefined, years: undefined } }), { ...target, retentionDays: 0 })).toEqual([]);
  });
  test('enabled without a default rule', () => {
    const [f] = lock({ enabled: true });
    expect(f.summary).toBe(summary('no default'));
    expect(f.evidence.found).toStrictEqual({ enabled: true });
  });
  test('Object Lock off, whatever rule is left', () => {
    const [f] = lock({ enabled: false, mode: 'COMPLIANCE', days: 2192 });
    expect(f.summary).toBe(summary('Object Lock off'));
    expect(f.evidence.found).toStrictEqual({ enabled: false, mode: 'COMPLIANCE', days: 2192 });
  });
});

describe('integrity probe rule: stack-drift', () => {
  const drift = (...resources: ResourceDrift[]) => findings({ drift: { resources } });
  const resource = (logicalId: string, type: string, status: string, properties: string[] = []): ResourceDrift => ({ logicalId, type, status, properties });
  test('a modified security resource: the full finding, its property paths named', () => {
    expect(drift(resource('PhiBucketPolicy6B1B5D0F', 'AWS::S3::BucketPolicy', 'MODIFIED', ['/PolicyDocument/Statement/0', '/PolicyDocument/Statement/1']))).toEqual([
      {
        check: 'audit-integrity',
        rule: 'stack-drift',
        principal: 'PhiBucketPolicy6B1B5D0F',
        severity: 'high',
        summary:
          'CloudFormation finds PhiBucketPolicy6B1B5D0F (AWS::S3::BucketPolicy) of stack CodingEnv changed outside the stack (/PolicyDocument/Statement/0, /PolicyDocument/Statement/1): redeploy to restore it and find out who changed it.',
        evidence: { stack: 'CodingEnv', logicalId: 'PhiBucketPolicy6B1B5D0F', resourceType: 'AWS::S3::BucketPolicy', driftStatus: 'MODIFIED', properties: ['/PolicyDocument/Statement/0', '/PolicyDocument/Statement/1'] },
      },
    ]);
  });
  test('modified with no property path named', () => {
    const [f] = drift(resource('AuditKey', 'AWS::KMS::Key', 'MODIFIED'));
    expect(f.summary).toBe('CloudFormation finds AuditKey (AWS::KMS::Key) of stack CodingEnv changed outside the stack (properties): redeploy to restore it and find out who changed it.');
  });
  test('a deleted security resource', () => {
    const [f] = drift(resource('VpnEndpoint', 'AWS::EC2::ClientVpnEndpoint', 'DELETED'));
    expect(f).toMatchObject({ rule: 'stack-drift', principal: 'VpnEndpoint', evidence: { driftStatus: 'DELETED', properties: [] } });
    expect(f.summary).toBe('CloudFormation finds VpnEndpoint (AWS::EC2::ClientVpnEndpoint) of stack CodingEnv deleted outside the stack: redeploy and find out who removed it.');
  });
  test('in sync, not checked, or drift outside the security resources: no finding', () => {
    expect(
      drift(
        resource('AuditTrail', 'AWS::CloudTrail::Trail', 'IN_SYNC'),
        resource('Role', 'AWS::IAM::Role', 'NOT_CHECKED'),
        resource('Subnet', 'AWS::EC2::Subnet', 'MODIFIED', ['/Tags']),
        resource('Dashboard', 'AWS::CloudWatch::Dashboard', 'DELETED'),
      ),
    ).toEqual([]);
  });
});

describe('isSecurityResource', () => {
  test('by type prefix', () => {
    expect(['AWS::IAM::Role', 'AWS::EC2::SecurityGroupIngress', 'AWS::SecretsManager::Secret', 'AWS::Lambda::Function'].map(isSecurityResource)).toEqual([true, true, true, true]);
    expect(['AWS::EC2::Subnet', 'AWS::CloudWatch::Alarm', 'Custom::AWS::IAM::Role', 'AWS::IAM'].map(isSecurityResource)).toEqual([false, false, false, false]);
  });
});

// The security types and the finding builders are module-level constants: a mutation run counts
// code run at import towards no test, so this test loads the module afresh inside itself and so
// is the one that answers for them.
describe('integrity probe rule: the module as loaded', () => {
  test('one type of each security prefix drifts into a finding; a stopped trail names the trail', () => {
    jest.isolateModules(() => {
      const fresh = require('../../../checks/rules/integrity-probe') as typeof import('../../../checks/rules/integrity-probe');
      const types = [
        'AWS::IAM::Role',
        'AWS::KMS::Key',
        'AWS::S3::Bucket',
        'AWS::CloudTrail::Trail',
        'AWS::Logs::LogGroup',
        'AWS::EC2::ClientVpnEndpoint',
        'AWS::EC2::FlowLog',
        'AWS::EC2::SecurityGroup',
        'AWS::EC2::VPCEndpoint',
        'AWS::AppStream::Fleet',
        'AWS::Lambda::Function',
        'AWS::StepFunctions::StateMachine',
        'AWS::Events::Rule',
        'AWS::Scheduler::Schedule',
        'AWS::SNS::Topic',
        'AWS::SecretsManager::Secret',
      ];
      expect(types.filter(fresh.isSecurityResource)).toEqual(types);
      expect(['AWS::EC2::Subnet', 'AWS::EC2::Instance', 'AWS::CloudWatch::Alarm', 'AWS::SQS::Queue'].filter(fresh.isSecurityResource)).toEqual([]);
      const resources: ResourceDrift[] = [...types, 'AWS::EC2::Subnet'].map((type, i) => ({ logicalId: `R${i}`, type, status: 'MODIFIED', properties: [] }));
      const drifted = fresh.integrityFindings(state({ drift: { resources } }), target);
      expect(drifted.map((f) => `${f.rule}:${f.principal}:${f.severity}:${f.evidence.resourceType}`)).toEqual(types.map((type, i) => `stack-drift:R${i}:high:${type}`));
      const [stopped] = fresh.integrityFindings(state({ trail: { isLogging: false } }), target);
      expect(stopped).toMatchObject({ check: 'audit-integrity', rule: 'trail-not-logging', principal: 'CodingEnv-AuditTrail', severity: 'high' });
    });
  });
});
