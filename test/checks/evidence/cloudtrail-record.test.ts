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
