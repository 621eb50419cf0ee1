import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface KeysProps {
  /**
   * Prefix for the key aliases (`alias/<prefix>/phi`, ...).
   * @default 'coding-env'
   */
  readonly aliasPrefix?: string;
  /**
   * Days a deleted key waits before it is gone (7-30): long enough to notice a mistake.
   * @default 30
   */
  readonly pendingWindowDays?: number;
}

/**
 * The environment's customer-managed keys, one per kind of data so each can be granted
 * separately: PHI objects, audit logs (trail, log groups), reports, and first passwords.
 * All rotate yearly and are retained when the stack is deleted.
 */
export class Keys extends Construct {
  /** Encrypts PHI objects in the PHI bucket. */
  public readonly phi: kms.Key;
  /** Encrypts the trail, its archive and every log group. */
  public readonly audit: kms.Key;
  /** Encrypts compliance reports. */
  public readonly reports: kms.Key;
  /** Encrypts the generated first passwords in Secrets Manager. */
  public readonly secrets: kms.Key;

  constructor(scope: Construct, id: string, props: KeysProps = {}) {
    super(scope, id);
    const prefix = props.aliasPrefix ?? 'coding-env';
    const pendingWindow = Duration.days(props.pendingWindowDays ?? 30);
    const key = (name: string, description: string) =>
      new kms.Key(this, name, {
        alias: `alias/${prefix}/${name.toLowerCase()}`,
        description,
        enableKeyRotation: true,
        pendingWindow,
        removalPolicy: RemovalPolicy.RETAIN,
      });

    this.phi = key('Phi', 'PHI objects of the coding environment');
    this.audit = key('Audit', 'Audit trail, its archive and the log groups of the coding environment');
    this.reports = key('Reports', 'Compliance reports of the coding environment');
    this.secrets = key('Secrets', 'Generated first passwords of the coding environment');

    allowCloudTrail(this.audit);
    for (const k of [this.audit, this.reports]) allowCloudWatchLogs(k);
  }
}

/**
 * CloudTrail may encrypt with the key only for trails of this account (the key policy CloudTrail
 * documents), and describe it to validate the trail.
 */
function allowCloudTrail(key: kms.Key): void {
  const cloudtrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const thisAccountsTrails = `arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*`;
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailEncryptThisAccountsTrails',
      principals: [cloudtrail],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringLike: {
          'aws:SourceArn': thisAccountsTrails,
          'kms:EncryptionContext:aws:cloudtrail:arn': thisAccountsTrails,
        },
      },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudTrailDescribeKey',
      principals: [cloudtrail],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringLike: { 'aws:SourceArn': thisAccountsTrails } },
    }),
  );
}

/** CloudWatch Logs of this region may use the key only for this account's log groups. */
function allowCloudWatchLogs(key: kms.Key): void {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsThisAccountsLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
      },
    }),
  );
}
