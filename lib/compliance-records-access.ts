import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { REGISTER_KEY } from './register-bucket';
import { REPORTS_PREFIX, WORKSHEETS_PREFIX } from './scheduled-checks';

export interface ComplianceRecordsAccessProps {
  /** Groups of the people who keep the register and read the reports. */
  readonly groups: readonly iam.IGroup[];
  readonly registerBucket: s3.IBucket;
  readonly reportsBucket: s3.IBucket;
  /** Key of both buckets. */
  readonly key: kms.IKey;
}

/**
 * What compliance auditors and platform admins may do with the compliance records: edit the
 * register (every version kept) and read the filed reports and worksheets. A customer-managed
 * policy with explicit actions, attached to their groups.
 */
export class ComplianceRecordsAccess extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ComplianceRecordsAccessProps) {
    super(scope, id);
    const { registerBucket, reportsBucket } = props;
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Keep the register of dated evidence; read filed compliance reports and log-review worksheets',
      groups: [...props.groups],
      statements: [
        new iam.PolicyStatement({ sid: 'KeepTheRegister', actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], resources: [registerBucket.arnForObjects(REGISTER_KEY)] }),
        new iam.PolicyStatement({ sid: 'SeeRegisterVersions', actions: ['s3:ListBucket', 's3:ListBucketVersions'], resources: [registerBucket.bucketArn] }),
        new iam.PolicyStatement({
          sid: 'ReadReports',
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [reportsBucket.arnForObjects(`${REPORTS_PREFIX}*`), reportsBucket.arnForObjects(`${WORKSHEETS_PREFIX}*`)],
        }),
        new iam.PolicyStatement({ sid: 'ListReports', actions: ['s3:ListBucket'], resources: [reportsBucket.bucketArn] }),
        new iam.PolicyStatement({
          sid: 'RecordsKeyThroughS3',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.key.keyArn],
          conditions: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
        }),
      ],
    });
  }
}
