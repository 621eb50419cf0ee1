import { createReadStream, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import { type CloudFormationClient, DescribeStackDriftDetectionStatusCommand, DescribeStackResourceDriftsCommand, DetectStackDriftCommand } from '@aws-sdk/client-cloudformation';
import { type CloudTrailClient, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, GetObjectLockConfigurationCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { BUNDLED_CONFIG_FILE } from '../../../lib/config/load';
import { REGISTER_KEY } from '../../../lib/register-bucket';
import type { CheckRunResult } from '../../../checks/check-results';

export const EVIDENCE = 'test/fixtures/evidence/example';
export const ARCHIVE_DIR = join(EVIDENCE, 'cloudtrail');

/** A task root like Lambda's, with the example config bundled beside the handler. */
export function lambdaTaskRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coding-env-task-'));
  writeFileSync(join(dir, BUNDLED_CONFIG_FILE), readFileSync('config/coding-env.json'));
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The trail bucket as S3 answers: the fixture's `AWSLogs/...` tree served by ListObjectsV2
 * (prefix and delimiter honoured) and GetObject (streamed bodies).
 */
export function serveArchive(s3: AwsClientStub<S3Client>, bucket: string, root = ARCHIVE_DIR): void {
  const keys = filesUnder(join(root, 'AWSLogs')).map((f) => relative(root, f));
  s3.on(ListObjectsV2Command, { Bucket: bucket }).callsFake((input: { Prefix?: string; Delimiter?: string }) => {
    const prefix = input.Prefix ?? '';
    const matching = keys.filter((k) => k.startsWith(prefix));
    if (!input.Delimiter) return { Contents: matching.map((Key) => ({ Key })), IsTruncated: false };
    const folders = new Set<string>();
    const contents: { Key: string }[] = [];
    for (const key of matching) {
      const rest = key.slice(prefix.length);
      const cut = rest.indexOf(input.Delimiter);
      if (cut >= 0) folders.add(prefix + rest.slice(0, cut + 1));
      else contents.push({ Key: key });
    }
    return { CommonPrefixes: [...folders].map((Prefix) => ({ Prefix })), Contents: contents, IsTruncated: false };
  });
  s3.on(GetObjectCommand, { Bucket: bucket }).callsFake((input: { Key: string }) => ({ Body: createReadStream(join(root, input.Key)) }));
}

/** IAM's credential report and authorization details, from the example evidence. */
export function serveIam(iam: AwsClientStub<IAMClient>): void {
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: readFileSync(join(EVIDENCE, 'credential-report.csv')), ReportFormat: 'text/csv' });
  const details = JSON.parse(readFileSync(join(EVIDENCE, 'account-authorization-details.json'), 'utf8')) as unknown;
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({ ...(Array.isArray(details) ? details[0] : (details as object)), IsTruncated: false });
}


/** The integrity probe's answers for the stack as deployed: logging, PHI selectors, six-year lock, no drift. */
export function serveHealthyIntegrity(trail: AwsClientStub<CloudTrailClient>, s3: AwsClientStub<S3Client>, cloudFormation: AwsClientStub<CloudFormationClient>, archive: string): void {
  trail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  trail.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::examplecoding-phi-records/'] }] }] });
  s3.on(GetObjectLockConfigurationCommand, { Bucket: archive }).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } } } });
  cloudFormation.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: 'drift-1' });
  cloudFormation.on(DescribeStackDriftDetectionStatusCommand).resolves({ DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'IN_SYNC' } as never);
  cloudFormation.on(DescribeStackResourceDriftsCommand).resolves({ StackResourceDrifts: [] });
}

/** What the stack sets in the audit-integrity function's environment (lib/scheduled-checks.ts). */
export const INTEGRITY_ENV = { TRAIL_ARN: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/CodingEnv-AuditTrail', STACK_NAME: 'CodingEnv', ARCHIVE_RETENTION_DAYS: '2192' };

/** What the stack sets in the environment of the functions that read the register (lib/scheduled-checks.ts). */
export const RECORDS_ENV = { REGISTER_BUCKET: 'codingenv-register-bucket', REGISTER_KEY: REGISTER_KEY };

/**
 * The register bucket as S3 answers: `register.json` (the example register) and, unless `attestations`
 * is false, the coding system's AI-attestation export filed beside it (the example CSV).
 */
export function serveRegisterBucket(s3: AwsClientStub<S3Client>, bucket: string = RECORDS_ENV.REGISTER_BUCKET, attestations = true): void {
  const files: Record<string, string> = { [REGISTER_KEY]: 'test/fixtures/register/example.json', ...(attestations ? { 'ai-attestations.csv': join(EVIDENCE, 'ai-attestations.csv') } : {}) };
  s3.on(ListObjectsV2Command, { Bucket: bucket }).callsFake((input: { Prefix?: string }) => ({
    Contents: Object.keys(files).filter((Key) => Key.startsWith(input.Prefix ?? '')).map((Key) => ({ Key })),
    IsTruncated: false,
  }));
  s3.on(GetObjectCommand, { Bucket: bucket }).callsFake((input: { Key: string }) => {
    const file = files[input.Key];
    if (file === undefined) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    return { Body: createReadStream(file) };
  });
}

/** A check's result as the state machine hands it to the report function: decided, with these findings. */
export const okResult = (check: string, findings: CheckRunResult['findings'] = []): CheckRunResult => ({ check, status: 'ok', findings, inputs: [] });

/** The report function's input for one daily run: two checks decided, one high finding. */
export const REPORT_EVENT = {
  mode: 'daily',
  executionName: 'exec-1',
  startedAt: '2026-11-20T12:00:00.000Z',
  results: [okResult('stale-access'), okResult('privilege-creep', [{ check: 'privilege-creep', rule: 'excess-group', principal: 'rpatel', severity: 'high' as const, summary: 'rpatel is in coders-cardiology', evidence: { group: 'coders-cardiology' } }])],
};

// The example evidence's account plays a member account of the organization run.
export const MEMBER = '111122223333';
export const MEMBER_TRAIL_BUCKET = 'member-trail-bucket';
/** The member audit role's session, as sts:AssumeRole returns it. */
export const MEMBER_SESSION = { AccessKeyId: 'ASIAMEMBERSESSION', SecretAccessKey: 'member-secret', SessionToken: 'member-token', Expiration: new Date('2026-11-20T13:00:00Z') };
/** One iteration's input from the organization run's Distributed Map. */
export const MEMBER_RUN = { account: MEMBER, mode: 'daily', executionName: 'exec-1', startedAt: '2026-11-20T12:00:00.000Z', organization: ['999988887777', MEMBER] };
