import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { auditWindow } from '../../../checks/audit';
import type { AwsClients } from '../../../checks/collect/clients';
import { collectLive } from '../../../checks/collect/live';
import { config } from '../helpers';
import { fakeClock } from './fake-clock';

const iam = mockClient(IAMClient);
const trail = mockClient(CloudTrailClient);
const s3 = mockClient(S3Client);
beforeEach(() => [iam, trail, s3].forEach((m) => m.reset()));

const clients = (): AwsClients => {
  const ct = new CloudTrailClient({ region: 'us-east-1' });
  return { iam: new IAMClient({ region: 'us-east-1' }), s3: new S3Client({ region: 'us-east-1' }), cloudTrail: () => ct };
};
const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 1);

describe('collectLive', () => {
  test('a denied IAM call makes only that evidence unavailable; LookupEvents runs in each region', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: iam:GenerateCredentialReport'), { name: 'AccessDenied' });
    iam.on(GenerateCredentialReportCommand).rejects(denied);
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], IsTruncated: false });
    trail.on(LookupEventsCommand).resolves({ Events: [] });
    s3.on(ListObjectsV2Command).resolves({ CommonPrefixes: [] });
    const loaded = await collectLive({ config: config(), window, regions: ['us-east-1', 'eu-west-1'], trailBucket: 'trail-bucket', clients: clients(), clock: fakeClock() });
    expect(loaded.model.credentialReport).toEqual({ ok: false, error: 'access denied (AccessDenied): not authorized to perform iam:GenerateCredentialReport' });
    expect(loaded.inputs).toContainEqual(expect.objectContaining({ source: 'api:iam:GetCredentialReport', status: 'skipped' }));
    expect(loaded.model.authorization.ok).toBe(true);
    expect(trail.commandCalls(LookupEventsCommand)).toHaveLength(2);
    // No prefix named: the archive's root.
    expect(s3.commandCalls(ListObjectsV2Command)[0].args[0].input).toMatchObject({ Bucket: 'trail-bucket', Prefix: 'AWSLogs/' });
    // An empty archive for the window: data events unknown, so the PHI checks must not pass silently.
    expect(loaded.model.events).toMatchObject({ ok: true, problems: [expect.stringMatching(/no CloudTrail log files for the window in s3:\/\/trail-bucket/)] });
  });
});

describe('collectLive: the region when none is named', () => {
  const withIamRegion = (region: () => Promise<string>) => {
    const asked: string[] = [];
    const c: AwsClients = { iam: new IAMClient({ region }), s3: new S3Client({ region: 'us-east-1' }), cloudTrail: (r) => (asked.push(r), new CloudTrailClient({ region: r })) };
    return { c, asked };
  };
  beforeEach(() => {
    iam.on(GenerateCredentialReportCommand).rejects(Object.assign(new Error('x'), { name: 'AccessDenied' }));
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], IsTruncated: false });
    trail.on(LookupEventsCommand).resolves({ Events: [] });
    s3.on(ListObjectsV2Command).resolves({});
  });

  test('the clients’ own region (AWS_REGION, the profile)', async () => {
    const { c, asked } = withIamRegion(async () => 'eu-west-2');
    const loaded = await collectLive({ config: config(), window, trailBucket: 'trail-bucket', trailPrefix: 'ct', clients: c, clock: fakeClock() });
    expect(asked).toEqual(['eu-west-2']);
    expect(loaded.inputs).toContainEqual(expect.objectContaining({ source: 'api:cloudtrail:LookupEvents:eu-west-2' }));
    expect(s3.commandCalls(ListObjectsV2Command)[0].args[0].input).toMatchObject({ Bucket: 'trail-bucket', Prefix: 'ct/AWSLogs/' });
    expect(loaded.model.attestations).toEqual({ ok: true, value: { sources: [], rows: [] } });
    expect(loaded.model).not.toHaveProperty('events.coverage');
  });

  test.each([
    ['IAM’s global pseudo-region', async () => 'aws-global'],
    ['no region configured at all', async () => Promise.reject(new Error('Region is missing'))],
    ['an empty region', async () => ''],
  ])('%s: no region, so the events are unavailable, never an empty pass', async (_name, region) => {
    const { c, asked } = withIamRegion(region);
    const loaded = await collectLive({ config: config(), window, regions: [], clients: c, clock: fakeClock() });
    expect(asked).toEqual([]);
    expect(loaded.model.events).toEqual({ ok: false, error: 'no AWS region: set AWS_REGION or pass --regions' });
    expect(loaded.model.coverage?.gaps.length).toBeGreaterThan(0);
  });
});
