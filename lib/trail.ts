import { Aws } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
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
      // Delivery to CloudWatch Logs is wired on the L1 below, with our own role.
      sendToCloudWatchLogs: false,
    });
    this.deliverToLogGroup(this.logGroup);
    if (props.dataEventBuckets.length > 0) {
      this.trail.addS3EventSelector(
        props.dataEventBuckets.map((bucket) => ({ bucket })),
        { readWriteType: cloudtrail.ReadWriteType.ALL, includeManagementEvents: true },
      );
    }
  }

  /**
   * CloudTrail to CloudWatch Logs through a role with a customer managed policy (explicit
   * actions on the one log group), where the L2 would give its role an inline policy.
   */
  private deliverToLogGroup(logGroup: logs.ILogGroup): void {
    const role = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'CloudTrail: deliver events to the six-year trail log group',
    });
    const policy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      description: 'CloudTrail: write to the trail log group only',
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
      ],
    });
    const cfnTrail = this.trail.node.defaultChild as cloudtrail.CfnTrail;
    cfnTrail.cloudWatchLogsLogGroupArn = logGroup.logGroupArn;
    cfnTrail.cloudWatchLogsRoleArn = role.roleArn;
    // CloudTrail checks the role can write when the trail is created.
    cfnTrail.node.addDependency(policy);
  }
}
