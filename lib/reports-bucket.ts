import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { secureBucketProps } from './secure-bucket';
import { SIX_YEARS_DAYS } from './six-year-log-group';

export interface ReportsBucketProps {
  /** The reports key. */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving this bucket's S3 server access logs. */
  readonly accessLogsBucket: s3.IBucket;
}

/**
 * Where the scheduled reports and log-review worksheets are filed. Reports are audit evidence
 * (45 CFR 164.316(b)(2)): write-once for six years under Object Lock COMPLIANCE.
 */
export class ReportsBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ReportsBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...secureBucketProps({ encryptionKey: props.encryptionKey, accessLogsBucket: props.accessLogsBucket, accessLogsPrefix: 'reports/' }),
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(SIX_YEARS_DAYS)),
    });
  }
}
