import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SixYearLogGroup } from './six-year-log-group';

export interface AuditTrailProps {
  /** Bucket the trail delivers to (the Object Lock archive). */
  readonly archiveBucket: s3.IBucket;
  /** Key encrypting trail files and the trail's log group; its policy must admit CloudTrail and CloudWatch Logs. */
  readonly encryptionKey: kms.IKey;
  /** Buckets whose object reads and writes are recorded as data events (the PHI bucket). */
  readonly dataEventBuckets: readonly s3.IBucket[];
}

/**
 * The account's audit trail (45 CFR 164.312(b)): every region, global services, signed digest
 * files, KMS-encrypted, PHI object reads and writes, also delivered to a six-year log group.
 */
export class AuditTrail extends Construct {
  public readonly trail: cloudtrail.Trail;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    this.logGroup = new SixYearLogGroup(this, 'Logs', { encryptionKey: props.encryptionKey });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      bucket: props.archiveBucket,
      encryptionKey: props.encryptionKey,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      managementEvents: cloudtrail.ReadWriteType.ALL,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: this.logGroup,
    });
    if (props.dataEventBuckets.length > 0) {
      this.trail.addS3EventSelector(
        props.dataEventBuckets.map((bucket) => ({ bucket })),
        { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
      );
    }
  }
}
