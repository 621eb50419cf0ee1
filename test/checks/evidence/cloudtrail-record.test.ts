import { normalizeRecord } from '../../../checks/evidence/cloudtrail-record';
import { decodePolicyDocument } from '../../../checks/evidence/policy-document';

// Shapes from AWS's documented records: a console sign-in, and an S3 call through a VPC endpoint.
const signIn = {
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', principalId: 'AIDACKCEVSQ6C2EXAMPLE', arn: 'arn:aws:iam::111122223333:user/kchen', accountId: '111122223333', userName: 'kchen' },
  eventTime: '2026-11-12T15:00:10Z',
  eventSource: 'signin.amazonaws.com',
  eventName: 'ConsoleLogin',
  sourceIPAddress: '198.51.100.4',
  userAgent: 'Mozilla/5.0',
  requestParameters: null,
  responseElements: { ConsoleLogin: 'Success' },
  additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' },
  eventID: 'a1d3e5f7-0001-4c1e-9a1b-0000000000aa',
  recipientAccountId: '111122223333',
};

describe('CloudTrail record fields the identity and integrity rules read', () => {
  test('MFAUsed, the identity ARN and the recipient account', () => {
    const r = normalizeRecord(signIn);
    expect(r).toMatchObject({ ok: true, event: { mfaUsed: 'No', arn: 'arn:aws:iam::111122223333:user/kchen', account: '111122223333' } });
  });
  test('the VPC endpoint and the account that owns it', () => {
    const r = normalizeRecord({ ...signIn, eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', additionalEventData: undefined, vpcEndpointId: 'vpce-0f1e2d3c4b5a69788', vpcEndpointAccountId: '999988887777' });
    expect(r).toMatchObject({ ok: true, event: { vpcEndpointId: 'vpce-0f1e2d3c4b5a69788', vpcEndpointAccountId: '999988887777', mfaUsed: undefined } });
  });
  test("AppStream CreateStreamingURL keeps the user id asked for; other calls' userId does not count", () => {
    const url = { ...signIn, eventSource: 'appstream.amazonaws.com', eventName: 'CreateStreamingURL', additionalEventData: undefined, responseElements: null, requestParameters: { stackName: 'coding-workstations', fleetName: 'coding-fleet', userId: 'mgarcia', validity: 300 } };
    expect(normalizeRecord(url)).toMatchObject({ ok: true, event: { streamingUserId: 'mgarcia', userName: 'kchen' } });
    expect(normalizeRecord({ ...url, eventName: 'DescribeSessions' })).toMatchObject({ ok: true, event: { streamingUserId: undefined } });
  });
  test('a record whose endpoint owner is not a string is refused, naming the field', () => {
    expect(normalizeRecord({ ...signIn, vpcEndpointAccountId: 42 })).toEqual({ ok: false, problem: expect.stringMatching(/^vpcEndpointAccountId:/) });
  });
});

describe('policy documents keep what the IAM evaluator needs', () => {
  test('NotResource and Condition (values as IAM writes them: strings, lists, booleans)', () => {
    const doc = decodePolicyDocument(
      encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/cardiology/*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': true }, StringLike: { 's3:prefix': ['a/*', 'b/*'] } } }] })),
    );
    expect(doc.statements[0]).toMatchObject({ resources: [], notResources: ['arn:aws:s3:::b/cardiology/*'], conditions: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, StringLike: { 's3:prefix': ['a/*', 'b/*'] } } });
  });
});

describe('normalizeRecord: every field it reads, exactly', () => {
  const s3Get = {
    eventVersion: '1.09',
    userIdentity: { type: 'AssumedRole', principalId: 'AROAEXAMPLE:kchen', arn: 'arn:aws:sts::111122223333:assumed-role/coder/kchen', accountId: '111122223333', accessKeyId: 'ASIAEXAMPLE', invokedBy: 'appstream.amazonaws.com' },
    eventTime: '2026-11-12T15:00:10Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'us-east-1',
    sourceIPAddress: '10.0.1.5',
    userAgent: '[aws-sdk-js/3.0]',
    requestParameters: { bucketName: 'phi-bucket', Host: 'phi-bucket.s3.amazonaws.com', key: 'cardiology/P1/a.pdf' },
    responseElements: null,
    additionalEventData: { SignatureVersion: 'SigV4' },
    eventID: 'a1d3e5f7-0002-4c1e-9a1b-0000000000ab',
    readOnly: true,
    resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::phi-bucket/cardiology/P1/a.pdf' }, { accountId: '111122223333', type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::phi-bucket' }],
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
    vpcEndpointId: 'vpce-0f1e2d3c4b5a69788',
  };

  test('an S3 data event', () => {
    expect(normalizeRecord(s3Get)).toEqual({
      ok: true,
      event: {
        id: 'a1d3e5f7-0002-4c1e-9a1b-0000000000ab', account: '111122223333', time: '2026-11-12T15:00:10Z', timeMs: Date.UTC(2026, 10, 12, 15, 0, 10),
        identityType: 'AssumedRole', userName: undefined, eventName: 'GetObject', eventSource: 's3.amazonaws.com', sourceIp: '10.0.1.5', userAgent: '[aws-sdk-js/3.0]',
        accessKeyId: 'ASIAEXAMPLE', vpcEndpointId: 'vpce-0f1e2d3c4b5a69788', vpcEndpointAccountId: undefined, arn: 'arn:aws:sts::111122223333:assumed-role/coder/kchen',
        mfaUsed: undefined, invokedBy: 'appstream.amazonaws.com', bucket: 'phi-bucket', key: 'cardiology/P1/a.pdf', modelId: undefined, streamingUserId: undefined, success: true,
      },
    });
  });

  test('a record with only the required fields: defaults for the rest, no account', () => {
    const r = normalizeRecord({ eventID: 'e', eventTime: '2026-11-12T15:00:10+01:00', eventName: 'X', eventSource: 'x.amazonaws.com' });
    expect(r).toEqual({ ok: true, event: expect.objectContaining({ id: 'e', timeMs: Date.UTC(2026, 10, 12, 14, 0, 10), identityType: 'Unknown', userName: undefined, sourceIp: '', userAgent: '', accessKeyId: undefined, success: true }) });
    expect(r.ok && 'account' in r.event).toBe(false);
    const blank = normalizeRecord({ ...s3Get, recipientAccountId: '' });
    expect(blank.ok && 'account' in blank.event).toBe(false);
    expect(normalizeRecord({ ...s3Get, userIdentity: { ...s3Get.userIdentity, accessKeyId: '' } })).toMatchObject({ ok: true, event: { accessKeyId: undefined } });
  });

  test('success: no errorCode, and a ConsoleLogin result of Success when there is one', () => {
    expect(normalizeRecord({ ...signIn, responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication' })).toMatchObject({ ok: true, event: { success: false } });
    expect(normalizeRecord({ ...s3Get, errorCode: 'AccessDenied' })).toMatchObject({ ok: true, event: { success: false } });
    expect(normalizeRecord({ ...signIn, responseElements: { ConsoleLogin: 'Success' }, errorCode: 'X' })).toMatchObject({ ok: true, event: { success: false } });
    expect(normalizeRecord({ ...signIn, responseElements: {} })).toMatchObject({ ok: true, event: { success: true } });
    expect(normalizeRecord(signIn)).toMatchObject({ ok: true, event: { success: true, userName: 'kchen' } });
  });

  test('a hidden or empty user name names nobody', () => {
    expect(normalizeRecord({ ...signIn, userIdentity: { ...signIn.userIdentity, userName: 'HIDDEN_DUE_TO_SECURITY_REASONS' } })).toMatchObject({ ok: true, event: { userName: undefined } });
    expect(normalizeRecord({ ...signIn, userIdentity: { ...signIn.userIdentity, userName: '' } })).toMatchObject({ ok: true, event: { userName: undefined } });
  });

  test('Bedrock modelId and MFAUsed only when they are strings', () => {
    expect(normalizeRecord({ ...s3Get, eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', requestParameters: { modelId: 'anthropic.claude-v2' }, resources: [] })).toMatchObject({ ok: true, event: { modelId: 'anthropic.claude-v2', bucket: undefined } });
    expect(normalizeRecord({ ...s3Get, requestParameters: { modelId: { id: 'x' } } })).toMatchObject({ ok: true, event: { modelId: undefined } });
    expect(normalizeRecord({ ...signIn, additionalEventData: { MFAUsed: true } })).toMatchObject({ ok: true, event: { mfaUsed: undefined } });
    expect(normalizeRecord({ ...url(), requestParameters: { userId: 7 } })).toMatchObject({ ok: true, event: { streamingUserId: undefined } });
  });
  const url = () => ({ ...signIn, eventSource: 'appstream.amazonaws.com', eventName: 'CreateStreamingURL', additionalEventData: undefined, responseElements: null });

  test('S3 bucket and key: `Key` too; the object ARN when a parameter is missing; never a key from a bucket ARN or a non-AWS ARN', () => {
    const target = (raw: object) => {
      const r = normalizeRecord(raw);
      return r.ok ? [r.event.bucket, r.event.key] : r.problem;
    };
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b', Key: 'K/1' } })).toEqual(['b', 'K/1']);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b', key: 'k/1', Key: 'K/1' } })).toEqual(['b', 'k/1']);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b' } })).toEqual(['phi-bucket', 'cardiology/P1/a.pdf']);
    expect(target({ ...s3Get, requestParameters: { key: 'k' } })).toEqual(['phi-bucket', 'cardiology/P1/a.pdf']);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b', key: 7 } })).toEqual(['phi-bucket', 'cardiology/P1/a.pdf']);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b' }, resources: [{ type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::phi-bucket' }] })).toEqual(['b', undefined]);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b' }, resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::nokey' }] })).toEqual(['b', undefined]);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b' }, resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::/leading-slash' }] })).toEqual(['b', undefined]);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b' }, resources: [{ type: 'AWS::S3::Object', ARN: 'other:s3:::x/y' }] })).toEqual(['b', undefined]);
    expect(target({ ...s3Get, requestParameters: { bucketName: 'b' }, resources: [{ type: 'AWS::S3::Object' }] })).toEqual(['b', undefined]);
    expect(target({ ...s3Get, requestParameters: null, resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws-us-gov:s3:::gov/x/y.pdf' }] })).toEqual(['gov', 'x/y.pdf']);
    expect(target({ ...s3Get, requestParameters: null, resources: null })).toEqual([undefined, undefined]);
  });

  test('a time without a zone, or not a time, is refused: never read in the machine\'s zone', () => {
    expect(normalizeRecord({ ...s3Get, eventTime: '2026-11-12T15:00:10' })).toEqual({ ok: false, problem: 'eventTime: not an ISO 8601 time with a zone (Z or ±hh:mm)' });
    expect(normalizeRecord({ ...s3Get, eventTime: 'Thu, 12 Nov 2026 15:00:10 GMT' })).toEqual({ ok: false, problem: 'eventTime: not an ISO 8601 time with a zone (Z or ±hh:mm)' });
  });

  test('not an object: refused as a record', () => {
    for (const raw of [null, 'x', 42, [s3Get]]) expect(normalizeRecord(raw)).toEqual({ ok: false, problem: expect.stringMatching(/^record: /) });
  });

  // Each field the rules read, of the wrong type: the record is refused naming it (the fast path must not let it by).
  test.each([
    ['eventID', { eventID: '' }],
    ['eventID', { eventID: 42 }],
    ['eventTime', { eventTime: 1700000000 }],
    ['eventName', { eventName: null }],
    ['eventSource', { eventSource: ['s3'] }],
    ['sourceIPAddress', { sourceIPAddress: 10 }],
    ['userAgent', { userAgent: {} }],
    ['errorCode', { errorCode: false }],
    ['vpcEndpointId', { vpcEndpointId: 1 }],
    ['recipientAccountId', { recipientAccountId: 111122223333 }],
    ['userIdentity', { userIdentity: 'kchen' }],
    ['userIdentity', { userIdentity: null }],
    ['userIdentity', { userIdentity: ['kchen'] }],
    ['userIdentity.type', { userIdentity: { type: 1 } }],
    ['userIdentity.arn', { userIdentity: { arn: 1 } }],
    ['userIdentity.userName', { userIdentity: { userName: 1 } }],
    ['userIdentity.accessKeyId', { userIdentity: { accessKeyId: 1 } }],
    ['userIdentity.invokedBy', { userIdentity: { invokedBy: 1 } }],
    ['requestParameters', { requestParameters: 'bucket' }],
    ['requestParameters', { requestParameters: [] }],
    ['responseElements', { responseElements: 'Success' }],
    ['additionalEventData', { additionalEventData: 'No' }],
    ['resources', { resources: {} }],
    ['resources.0', { resources: ['arn:aws:s3:::b/k'] }],
    ['resources.0', { resources: [null] }],
    ['resources.1.ARN', { resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::b/k' }, { ARN: 5 }] }],
    ['resources.0.type', { resources: [{ type: 5 }] }],
  ])('%s of the wrong type is refused, named', (field, over) => {
    expect(normalizeRecord({ ...s3Get, ...over })).toEqual({ ok: false, problem: expect.stringMatching(new RegExp(`^${field.replace(/\./g, '\\.')}: `)) });
  });

  test('null or absent optional objects are accepted', () => {
    expect(normalizeRecord({ ...s3Get, requestParameters: undefined, responseElements: undefined, additionalEventData: null, resources: undefined, userIdentity: undefined })).toMatchObject({ ok: true, event: { identityType: 'Unknown', bucket: undefined } });
  });
});
