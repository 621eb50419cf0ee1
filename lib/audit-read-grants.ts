import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { EvidenceName } from '../checks/rules/context';
import { ATTESTATION_KEYS, ATTESTATION_PREFIX, REGISTER_KEY } from './register-bucket';

/** The evidence an audit check reads (the `needs` of a check in checks/rules). */
export type EvidenceKind = EvidenceName;

export interface TrailArchiveSource {
  /** The trail's archive bucket (data events are read from it: LookupEvents has none). */
  readonly bucket: s3.IBucket;
  /** The key the archive is encrypted with. */
  readonly key: kms.IKey;
  /** The trail writing to it (the integrity probe reads its status and selectors). */
  readonly trailArn: string;
}

export interface RecordsSource {
  /** The register bucket: register.json and the AI-attestation export beside it. */
  readonly bucket: s3.IBucket;
  /** The key it is encrypted with. */
  readonly key: kms.IKey;
}

/**
 * Read-only statements for each kind of evidence, and nothing else: the audit's roles may read
 * IAM's reports, the trail and the register, never change them.
 */
export function evidenceReadStatements(needs: readonly EvidenceKind[], archive: TrailArchiveSource, records?: RecordsSource): iam.PolicyStatement[] {
  const fromRecords = (keys: readonly string[], list: boolean) => {
    if (records === undefined) throw new Error(`a check that reads ${keys.join(', ')} needs the register bucket`);
    return [
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: keys.map((k) => records.bucket.arnForObjects(k)) }),
      // The optional export is found by listing its one prefix: absent is then "none", not AccessDenied.
      ...(list ? [new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [records.bucket.bucketArn], conditions: { StringEquals: { 's3:prefix': [ATTESTATION_PREFIX] } } })] : []),
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [records.key.keyArn], conditions: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } } }),
    ];
  };
  const byKind: Record<EvidenceKind, () => iam.PolicyStatement[]> = {
    credentialReport: () => [
      // IAM has no resource-level permissions for the credential report.
      new iam.PolicyStatement({ actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'], resources: ['*'] }),
    ],
    authorization: () => [new iam.PolicyStatement({ actions: ['iam:GetAccountAuthorizationDetails'], resources: ['*'] })],
    register: () => fromRecords([REGISTER_KEY], false),
    attestations: () => fromRecords(ATTESTATION_KEYS, true),
    events: () => [
      new iam.PolicyStatement({ actions: ['cloudtrail:LookupEvents'], resources: ['*'] }),
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [archive.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['AWSLogs/*'] } },
      }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [archive.bucket.arnForObjects('AWSLogs/*')] }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [archive.key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
      }),
    ],
  };
  return [...new Set(needs)].flatMap((kind) => byKind[kind]());
}

/**
 * The live integrity probe of the audit-integrity function, read-only: the trail's status and
 * selectors, the archive's Object Lock default, and CloudFormation drift detection on this stack.
 * Drift detection reads each resource with the caller's permissions, so the function may also
 * describe (never change) the security resource types it judges; those describe actions exist
 * only on "*". No s3:ListBucket and no object read: listing the PHI bucket would show patient ids.
 */
export function integrityProbeStatements(scope: Construct, archive: TrailArchiveSource): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const stackArn = stack.formatArn({ service: 'cloudformation', resource: 'stack', resourceName: `${stack.stackName}/*` });
  return [
    new iam.PolicyStatement({ actions: ['cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'], resources: [archive.trailArn] }),
    new iam.PolicyStatement({ actions: ['s3:GetBucketObjectLockConfiguration'], resources: [archive.bucket.bucketArn] }),
    new iam.PolicyStatement({
      actions: ['cloudformation:DetectStackDrift', 'cloudformation:DetectStackResourceDrift', 'cloudformation:DescribeStackResourceDrifts'],
      resources: [stackArn],
    }),
    // Drift detection's status is addressed by detection id: IAM has no resource for it.
    new iam.PolicyStatement({ actions: ['cloudformation:DescribeStackDriftDetectionStatus'], resources: ['*'] }),
    new iam.PolicyStatement({ actions: DRIFT_READ_ACTIONS, resources: ['*'] }),
  ];
}

/** What CloudFormation reads, as the caller, to detect drift on the security resource types. */
export const DRIFT_READ_ACTIONS = [
  'cloudtrail:GetTrail',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetInsightSelectors',
  'cloudtrail:ListTags',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  's3:GetBucketPolicy',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketVersioning',
  's3:GetBucketLogging',
  's3:GetBucketTagging',
  's3:GetBucketOwnershipControls',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:GetGroup',
  'iam:GetGroupPolicy',
  'iam:ListGroupPolicies',
  'iam:ListAttachedGroupPolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:ListPolicyVersions',
  'logs:DescribeLogGroups',
  'logs:ListTagsForResource',
  'ec2:DescribeClientVpnEndpoints',
  'ec2:DescribeClientVpnAuthorizationRules',
  'ec2:DescribeFlowLogs',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcEndpoints',
];
