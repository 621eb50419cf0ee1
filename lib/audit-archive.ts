import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { secureBucketProps } from './secure-bucket';
import { SIX_YEARS_DAYS } from './six-year-log-group';

export interface AuditArchiveProps {
  /** Key the archived trail files are encrypted with (the audit key). */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's S3 server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /**
   * Object Lock COMPLIANCE retention of each trail file, in days; at least six years.
   * @default 2192
   */
  readonly retentionDays?: number;
  /**
   * Days after which trail files move to Glacier Flexible Retrieval.
   * @default 365
   */
  readonly transitionAfterDays?: number;
}

/**
 * The trail's bucket: write-once for six years (Object Lock COMPLIANCE: not even the root user
 * can delete or shorten it), KMS-encrypted, versioned, TLS-only, access-logged.
 */
export class AuditArchive extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? SIX_YEARS_DAYS;
    if (!Number.isInteger(retentionDays) || retentionDays < SIX_YEARS_DAYS) {
      throw new Error(`AuditArchive: retentionDays must be a whole number of at least ${SIX_YEARS_DAYS} (six years), got ${retentionDays}`);
    }
    const coldAfter = Duration.days(props.transitionAfterDays ?? 365);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...secureBucketProps({ encryptionKey: props.encryptionKey, accessLogsBucket: props.accessLogsBucket, accessLogsPrefix: 'audit-archive/' }),
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(retentionDays)),
      // Colder storage is fine; expiry is left to no one: Object Lock holds every version six years.
      lifecycleRules: [
        {
          id: 'colder-after-a-year',
          transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: coldAfter }],
          noncurrentVersionTransitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: coldAfter }],
        },
      ],
    });
  }
}
