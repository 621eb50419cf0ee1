import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SIX_YEARS_DAYS } from './six-year-log-group';

export interface AccessLogBucketProps {
  /**
   * Days after which logs move to Glacier Flexible Retrieval.
   * @default 90
   */
  readonly transitionAfterDays?: number;
}

/**
 * The bucket that receives S3 server access logs of the PHI and archive buckets, kept six
 * years. S3 delivers access logs only to buckets with SSE-S3 default encryption and without
 * an Object Lock default retention, so this bucket uses SSE-S3 and lifecycle, not Object Lock.
 */
export class AccessLogBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps = {}) {
    super(scope, id);
    const coldAfter = Duration.days(props.transitionAfterDays ?? 90);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'keep-six-years',
          transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: coldAfter }],
          noncurrentVersionTransitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: coldAfter }],
          // Never earlier than six years; a record overwritten is kept six years as well.
          expiration: Duration.days(SIX_YEARS_DAYS),
          noncurrentVersionExpiration: Duration.days(SIX_YEARS_DAYS),
        },
      ],
    });
  }
}
