import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient, DescribeTrailsCommand, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PAGE_CAPS } from '../../checks/collect/paginate';
import { realClock } from '../../checks/collect/clock';
import type { CheckName } from '../../lib/controls/catalog';
import { itemsOf, needing } from './affected';
import { FAULTS, resettingBody } from './collect/aws-faults';
import { ARCHIVE_DIR, EVIDENCE, serveArchive, serveHealthyIntegrity, serveIam } from './handlers/fake-aws';

/**
 * The fault matrix of the live APIs (CONTRACT §3a), shared by `--live` and the scheduled
 * Lambdas: each fault, applied over an account that otherwise answers with the example evidence,
 * with the checks and checklist items it must turn to `error` and the input it must name.
 * Everything else must be decided exactly as without the fault.
 */

export interface Mocks {
  readonly cloudFormation: AwsClientStub<CloudFormationClient>;
  readonly iam: AwsClientStub<IAMClient>;
  readonly trail: AwsClientStub<CloudTrailClient>;
  readonly s3: AwsClientStub<S3Client>;
}

export const TRAIL_BUCKET = 'codingenv-auditarchive-bucket';

export function mocks(): Mocks {
  return { iam: mockClient(IAMClient), trail: mockClient(CloudTrailClient), s3: mockClient(S3Client), cloudFormation: mockClient(CloudFormationClient) };
}

const LOOKUP_PAGE = JSON.parse(readFileSync(join(ARCHIVE_DIR, 'lookup-events/us-east-1-page-1.json'), 'utf8')) as { Events: { CloudTrailEvent: string }[] };

/** The example account, healthy: IAM, LookupEvents (one page per region) and the trail archive. */
export function serveHealthy(m: Mocks): void {
  for (const stub of [m.iam, m.trail, m.s3, m.cloudFormation]) stub.reset();
  serveIam(m.iam);
  m.trail.on(LookupEventsCommand).resolves({ Events: LOOKUP_PAGE.Events });
  m.trail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'coding-env', S3BucketName: TRAIL_BUCKET, IsMultiRegionTrail: true }] });
  serveArchive(m.s3, TRAIL_BUCKET);
  serveHealthyIntegrity(m.trail, m.s3, m.cloudFormation, TRAIL_BUCKET);
}

// The archive object the example's PHI findings of the 12th come from; failing it alone must be enough.
const OBJECT_DAY = '2026/11/12';
const OBJECT = '111122223333_CloudTrail_us-east-1_20261112T1525Z_Tx9pL4mN2bQw8eRs.json.gz';
const archiveKey = (): string => `AWSLogs/111122223333/CloudTrail/us-east-1/${OBJECT_DAY}/${OBJECT}`;
const objectBytes = (key: string) => readFileSync(join(ARCHIVE_DIR, key));
const body = (b: Readable, length: number) => ({ Body: b, ContentLength: length }) as unknown as GetObjectCommandOutput;

// The checks that read each kind, as they declare it (CheckDefinition.needs), and the checklist
// items resting on them: item 5 reads the credential report's creation dates, item 2 the roles' trust.
const CREDENTIALS = needing('credentialReport');
const CREDENTIAL_ITEMS = itemsOf(CREDENTIALS, [5]);
const AUTHORIZATION = needing('authorization');
const AUTHORIZATION_ITEMS = itemsOf(AUTHORIZATION, [2]);
export const EVENTS = needing('events');
export const EVENT_ITEMS = itemsOf(EVENTS, []);

export interface LiveFault {
  readonly name: string;
  apply(m: Mocks): void;
  /** Checks that must be `error`; every other check as on the healthy account. */
  readonly checks: readonly CheckName[];
  /** Checklist items that must be `error`; every other item as on the healthy account. */
  readonly items: readonly number[];
  /** The input the report must list as not read, and why. */
  readonly input: { readonly source: RegExp; readonly status: 'partial' | 'skipped'; readonly problem: RegExp };
  /** Runs without `--trail-bucket`, so the trail is found with DescribeTrails. */
  readonly describeTrails?: boolean;
}

/**
 * Backoff without waiting and small page caps, for every collector that uses the defaults (the
 * deployed handlers and the CLI do): the faults run in milliseconds, the code paths are the real ones.
 */
export function fastRetriesAndSmallCaps(): void {
  jest.spyOn(realClock, 'sleep').mockResolvedValue();
  const caps = PAGE_CAPS as Record<keyof typeof PAGE_CAPS, number>;
  for (const key of Object.keys(caps) as (keyof typeof PAGE_CAPS)[]) jest.replaceProperty(caps, key, 6);
}

let n = 0;
const unique = () => `token-${(n += 1)}`;

export const LIVE_FAULTS: readonly LiveFault[] = [
  // IAM credential report: items 5 reads its creation dates.
  {
    name: 'credential report: generation denied',
    apply: (m) => m.iam.on(GenerateCredentialReportCommand).rejects(FAULTS.denied('iam:GenerateCredentialReport')),
    checks: CREDENTIALS,
    items: CREDENTIAL_ITEMS,
    input: { source: /^api:iam:GetCredentialReport$/, status: 'skipped', problem: /^access denied \(AccessDenied\): not authorized to perform iam:GenerateCredentialReport$/ },
  },
  {
    name: 'credential report: generation never completes',
    apply: (m) => m.iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' }),
    checks: CREDENTIALS,
    items: CREDENTIAL_ITEMS,
    input: { source: /^api:iam:GetCredentialReport$/, status: 'skipped', problem: /not ready after 12 attempts \(last: generation INPROGRESS\)/ },
  },
  {
    name: 'credential report: generation throttled past every retry',
    apply: (m) => m.iam.on(GenerateCredentialReportCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException' })),
    checks: CREDENTIALS,
    items: CREDENTIAL_ITEMS,
    input: { source: /^api:iam:GetCredentialReport$/, status: 'skipped', problem: /not ready after 12 attempts \(last: LimitExceededException: Rate exceeded\)/ },
  },
  {
    name: 'credential report: the report expired and is not ready again',
    apply: (m) => m.iam.on(GetCredentialReportCommand).rejects(Object.assign(new Error('report expired'), { name: 'CredentialReportExpiredException' })),
    checks: CREDENTIALS,
    items: CREDENTIAL_ITEMS,
    input: { source: /^api:iam:GetCredentialReport$/, status: 'skipped', problem: /not ready after 12 attempts \(last: CredentialReportExpiredException/ },
  },
  {
    name: 'credential report: empty content',
    apply: (m) => m.iam.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array(), ReportFormat: 'text/csv' }),
    checks: CREDENTIALS,
    items: CREDENTIAL_ITEMS,
    input: { source: /^api:iam:GetCredentialReport$/, status: 'skipped', problem: /returned no content/ },
  },
  {
    name: 'credential report: a rejected row (the departed person)',
    apply: (m) => {
      const csv = readFileSync(join(EVIDENCE, 'credential-report.csv'), 'utf8').replace(/^(tnguyen,[^,]*,[^,]*,)true,/m, '$1maybe,');
      m.iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(csv), ReportFormat: 'text/csv' });
    },
    checks: CREDENTIALS,
    items: CREDENTIAL_ITEMS,
    input: { source: /^api:iam:GetCredentialReport$/, status: 'partial', problem: /password_enabled/ },
  },
  // GetAccountAuthorizationDetails: item 2 reads roles' trust, item 3 rests on privilege-creep.
  {
    name: 'authorization details: denied',
    apply: (m) => m.iam.on(GetAccountAuthorizationDetailsCommand).rejects(FAULTS.denied('iam:GetAccountAuthorizationDetails')),
    checks: AUTHORIZATION,
    items: AUTHORIZATION_ITEMS,
    input: { source: /^api:iam:GetAccountAuthorizationDetails$/, status: 'skipped', problem: /^access denied \(AccessDenied\): not authorized to perform iam:GetAccountAuthorizationDetails$/ },
  },
  {
    name: 'authorization details: throttled past every retry',
    apply: (m) => m.iam.on(GetAccountAuthorizationDetailsCommand).rejects(FAULTS.throttling()),
    checks: AUTHORIZATION,
    items: AUTHORIZATION_ITEMS,
    input: { source: /^api:iam:GetAccountAuthorizationDetails$/, status: 'skipped', problem: /^throttled by AWS \(ThrottlingException\) past every retry$/ },
  },
  {
    name: 'authorization details: a repeated Marker',
    apply: (m) => m.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], IsTruncated: true, Marker: 'again' }),
    checks: AUTHORIZATION,
    items: AUTHORIZATION_ITEMS,
    input: { source: /^api:iam:GetAccountAuthorizationDetails$/, status: 'skipped', problem: /repeated a pagination token after 2 page/ },
  },
  {
    name: 'authorization details: past the page cap',
    apply: (m) => m.iam.on(GetAccountAuthorizationDetailsCommand).callsFake(() => ({ UserDetailList: [], IsTruncated: true, Marker: unique() })),
    checks: AUTHORIZATION,
    items: AUTHORIZATION_ITEMS,
    input: { source: /^api:iam:GetAccountAuthorizationDetails$/, status: 'skipped', problem: /more than \d+ pages; stopped at the page cap/ },
  },
  {
    name: 'authorization details: a truncated page without a Marker',
    apply: (m) => m.iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], IsTruncated: true }),
    checks: AUTHORIZATION,
    items: AUTHORIZATION_ITEMS,
    input: { source: /^api:iam:GetAccountAuthorizationDetails$/, status: 'skipped', problem: /says more results follow but gives no token/ },
  },
  // LookupEvents: management events of the event checks; item 6 rests on vpn-bypass.
  {
    name: 'LookupEvents: denied',
    apply: (m) => m.trail.on(LookupEventsCommand).rejects(FAULTS.denied('cloudtrail:LookupEvents')),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^api:cloudtrail:LookupEvents:us-east-1$/, status: 'skipped', problem: /^access denied \(AccessDenied\): not authorized to perform cloudtrail:LookupEvents$/ },
  },
  {
    name: 'LookupEvents: throttled past every retry',
    apply: (m) => m.trail.on(LookupEventsCommand).rejects(FAULTS.throttling()),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^api:cloudtrail:LookupEvents:us-east-1$/, status: 'skipped', problem: /^throttled by AWS \(ThrottlingException\) past every retry$/ },
  },
  {
    name: 'LookupEvents: a repeated NextToken',
    apply: (m) => m.trail.on(LookupEventsCommand).callsFake(() => ({ Events: LOOKUP_PAGE.Events, NextToken: 'again' })),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^api:cloudtrail:LookupEvents:us-east-1$/, status: 'partial', problem: /^stopped after 2 page\(s\): .*repeated a pagination token/ },
  },
  {
    name: 'LookupEvents: past the page cap',
    apply: (m) => m.trail.on(LookupEventsCommand).callsFake(() => ({ Events: [], NextToken: unique() })),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^api:cloudtrail:LookupEvents:us-east-1$/, status: 'partial', problem: /^stopped after \d+ page\(s\): .*more than \d+ pages; stopped at the page cap/ },
  },
  {
    name: 'LookupEvents: a truncated event in a page',
    apply: (m) => m.trail.on(LookupEventsCommand).resolves({ Events: [{ ...LOOKUP_PAGE.Events[0], CloudTrailEvent: LOOKUP_PAGE.Events[0].CloudTrailEvent.slice(0, 60) }, ...LOOKUP_PAGE.Events.slice(1)] }),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^api:cloudtrail:LookupEvents:us-east-1$/, status: 'partial', problem: /^1 of 4 events rejected/ },
  },
  // The trail archive: data events, which only it holds.
  ...(
    [
      ['denied', () => FAULTS.denied(), /^cannot be read: access denied \(AccessDenied\): not authorized to perform s3:GetObject$/],
      ['KMS decrypt denied', () => FAULTS.kmsDenied(), /^cannot be read: the KMS key refused to decrypt it \(AccessDenied\)/],
      ['KMS key disabled', () => FAULTS.kmsDisabled(), /^cannot be read: the KMS key refused to decrypt it \(KMS\.DisabledException\)/],
      ['gone since listing', () => FAULTS.noSuchKey(), /^cannot be read: the object no longer exists \(NoSuchKey\)/],
      ['SlowDown past every retry', () => FAULTS.slowDown(), /^cannot be read: throttled by AWS \(SlowDown\) past every retry \(3 attempts\)$/],
      ['connection reset on every call', () => FAULTS.reset(), /^cannot be read: the connection failed \(ECONNRESET\) on every attempt \(3 attempts\)$/],
    ] as const
  ).map(
    ([what, fault, problem]): LiveFault => ({
      name: `archive object: ${what}`,
      apply: (m) => m.s3.on(GetObjectCommand, { Bucket: TRAIL_BUCKET, Key: archiveKey() }).rejects(fault()),
      checks: EVENTS,
      items: EVENT_ITEMS,
      input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/${archiveKey()}$`), status: 'skipped', problem },
    }),
  ),
  {
    name: 'archive object: body reset mid-stream on every attempt',
    apply: (m) => {
      const bytes = objectBytes(archiveKey());
      m.s3.on(GetObjectCommand, { Bucket: TRAIL_BUCKET, Key: archiveKey() }).callsFake(() => body(resettingBody(bytes), bytes.length));
    },
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/${archiveKey()}$`), status: 'skipped', problem: /^cannot be read: the connection failed \(ECONNRESET\) on every attempt \(3 attempts\)$/ },
  },
  {
    name: 'archive object: body shorter than its Content-Length',
    apply: (m) => {
      const bytes = objectBytes(archiveKey());
      m.s3.on(GetObjectCommand, { Bucket: TRAIL_BUCKET, Key: archiveKey() }).callsFake(() => body(Readable.from([bytes.subarray(0, bytes.length - 20)]), bytes.length));
    },
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/${archiveKey()}$`), status: 'skipped', problem: /^(cannot be read: the body was cut short|truncated gzip)/ },
  },
  {
    name: 'archive: every object KMS denied',
    apply: (m) => m.s3.on(GetObjectCommand, { Bucket: TRAIL_BUCKET }).rejects(FAULTS.kmsDenied()),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/AWSLogs/`), status: 'skipped', problem: /^cannot be read: the KMS key refused to decrypt it/ },
  },
  {
    name: 'archive listing: denied',
    apply: (m) => m.s3.on(ListObjectsV2Command, { Bucket: TRAIL_BUCKET }).rejects(FAULTS.denied('s3:ListBucket')),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/AWSLogs/$`), status: 'skipped', problem: /^cannot be listed: access denied \(AccessDenied\): not authorized to perform s3:ListBucket$/ },
  },
  {
    name: 'archive listing: a repeated continuation token',
    apply: (m) => m.s3.on(ListObjectsV2Command, { Prefix: `AWSLogs/111122223333/CloudTrail/us-east-1/${OBJECT_DAY}/` }).resolves({ Contents: [], IsTruncated: true, NextContinuationToken: 'again' }),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/AWSLogs/111122223333/CloudTrail/us-east-1/${OBJECT_DAY}/$`), status: 'skipped', problem: /repeated a pagination token after 2 page/ },
  },
  {
    name: 'archive listing: past the page cap',
    apply: (m) => m.s3.on(ListObjectsV2Command, { Prefix: `AWSLogs/111122223333/CloudTrail/us-east-1/${OBJECT_DAY}/` }).callsFake(() => ({ Contents: [], IsTruncated: true, NextContinuationToken: unique() })),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/AWSLogs/111122223333/CloudTrail/us-east-1/${OBJECT_DAY}/$`), status: 'skipped', problem: /more than \d+ pages; stopped at the page cap/ },
  },
  {
    name: 'archive listing: a truncated page without a token',
    apply: (m) => m.s3.on(ListObjectsV2Command, { Prefix: `AWSLogs/111122223333/CloudTrail/us-east-1/${OBJECT_DAY}/` }).resolves({ Contents: [], IsTruncated: true }),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: new RegExp(`^s3://${TRAIL_BUCKET}/AWSLogs/111122223333/CloudTrail/us-east-1/${OBJECT_DAY}/$`), status: 'skipped', problem: /says more results follow but gives no token/ },
  },
  {
    name: 'DescribeTrails: denied (no --trail-bucket)',
    apply: (m) => m.trail.on(DescribeTrailsCommand).rejects(FAULTS.denied('cloudtrail:DescribeTrails')),
    checks: EVENTS,
    items: EVENT_ITEMS,
    input: { source: /^api:cloudtrail:DescribeTrails:us-east-1$/, status: 'skipped', problem: /^access denied \(AccessDenied\): not authorized to perform cloudtrail:DescribeTrails$/ },
    describeTrails: true,
  },
];

/** Faults of the trail reads of `--live` (LookupEvents, the archive, DescribeTrails): the scheduled checks read the trail through Athena instead. */
export const isTrailReadFault = (f: LiveFault): boolean => /^(LookupEvents|archive|DescribeTrails)/.test(f.name);
