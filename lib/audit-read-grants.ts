import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { EvidenceName } from '../checks/rules/context';

/** The evidence an audit check reads (the `needs` of a check in checks/rules). */
export type EvidenceKind = EvidenceName;

export interface TrailArchiveSource {
  /** The trail's archive bucket (data events are read from it: LookupEvents has none). */
  readonly bucket: s3.IBucket;
  /** The key the archive is encrypted with. */
  readonly key: kms.IKey;
}

/**
 * Read-only statements for each kind of evidence, and nothing else: the audit's roles may read
 * IAM's reports and the trail, never change them.
 */
export function evidenceReadStatements(needs: readonly EvidenceKind[], archive: TrailArchiveSource): iam.PolicyStatement[] {
  const byKind: Record<EvidenceKind, () => iam.PolicyStatement[]> = {
    credentialReport: () => [
      // IAM has no resource-level permissions for the credential report.
      new iam.PolicyStatement({ actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'], resources: ['*'] }),
    ],
    authorization: () => [new iam.PolicyStatement({ actions: ['iam:GetAccountAuthorizationDetails'], resources: ['*'] })],
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
