import { CfnOutput } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TrailArchiveSource } from './audit-read-grants';
import { AuditAthena } from './audit-athena';
import { ComplianceNotifications } from './compliance-notifications';
import { ComplianceRecordsAccess } from './compliance-records-access';
import { ComplianceSchedules } from './compliance-schedules';
import type { CodingEnvConfig } from './config/schema';
import { RegisterBucket } from './register-bucket';
import { ReportsBucket } from './reports-bucket';
import { ScheduledChecks } from './scheduled-checks';

export interface ComplianceAutomationProps {
  readonly config: CodingEnvConfig;
  readonly archive: TrailArchiveSource;
  /** Key of reports, register, topic and queue. */
  readonly reportsKey: kms.Key;
  /** Key of the log groups. */
  readonly logsKey: kms.IKey;
  readonly accessLogsBucket: s3.IBucket;
  /** Groups whose members keep the register (compliance auditors, platform admins). */
  readonly registerKeepers: readonly iam.IGroup[];
  /** The IAM users in those groups. */
  readonly registerKeeperUsers: readonly iam.IUser[];
  /** The environment's VPC and the private subnets the audit functions run in. */
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
}

/**
 * The environment auditing itself (issue 5): the register and reports buckets, the checks on
 * a schedule, the officers' notifications and the alarms that say when a run failed.
 */
export class ComplianceAutomation extends Construct {
  public readonly reports: ReportsBucket;
  public readonly register: RegisterBucket;
  public readonly notifications: ComplianceNotifications;
  public readonly checks: ScheduledChecks;
  public readonly schedules: ComplianceSchedules;
  /** Athena over the archive: `coding-env --athena` and the check functions query through it. */
  public readonly athena: AuditAthena;

  constructor(scope: Construct, id: string, props: ComplianceAutomationProps) {
    super(scope, id);
    const { config } = props;
    this.reports = new ReportsBucket(this, 'Reports', { encryptionKey: props.reportsKey, accessLogsBucket: props.accessLogsBucket });
    this.register = new RegisterBucket(this, 'Register', {
      encryptionKey: props.reportsKey,
      accessLogsBucket: props.accessLogsBucket,
      writerUserArns: props.registerKeeperUsers.map((u) => u.userArn),
    });
    new ComplianceRecordsAccess(this, 'RecordsAccess', {
      groups: props.registerKeepers,
      registerBucket: this.register.bucket,
      reportsBucket: this.reports.bucket,
      key: props.reportsKey,
    });
    this.athena = new AuditAthena(this, 'Athena', { archive: props.archive, resultsKey: props.reportsKey, accessLogsBucket: props.accessLogsBucket });
    this.notifications = new ComplianceNotifications(this, 'Notifications', { encryptionKey: props.reportsKey, emails: config.notifications.emails });
    this.checks = new ScheduledChecks(this, 'Checks', {
      config,
      archive: props.archive,
      athena: this.athena,
      registerBucket: this.register.bucket,
      reportsBucket: this.reports.bucket,
      reportsKey: props.reportsKey,
      logsKey: props.logsKey,
      topic: this.notifications.topic,
      deadLetterQueue: this.notifications.deadLetterQueue,
      vpc: props.vpc,
      subnets: props.subnets,
    });
    const machine = this.checks.stateMachine;
    this.notifications.alarmOn('RunFailed', machine.metricFailed(), 'A scheduled compliance run failed: no report was written');
    this.notifications.alarmOn('RunTimedOut', machine.metricTimedOut(), 'A scheduled compliance run timed out: no report was written');
    this.notifications.alarmOn('RunAborted', machine.metricAborted(), 'A scheduled compliance run was aborted: no report was written');
    this.schedules = new ComplianceSchedules(this, 'Schedules', {
      stateMachine: machine,
      worksheetFunction: this.checks.worksheetFunction,
      deadLetterQueue: this.notifications.deadLetterQueue,
      deadLetterKey: props.reportsKey,
      timezone: config.organization.timezone,
    });

    new CfnOutput(this, 'ReportsBucketName', { value: this.reports.bucket.bucketName, description: 'Filed compliance reports and log-review worksheets (Object Lock)' });
    new CfnOutput(this, 'RegisterBucketName', { value: this.register.bucket.bucketName, description: 'Upload the register of dated evidence here as register.json' });
    new CfnOutput(this, 'ComplianceStateMachineArn', { value: machine.stateMachineArn, description: 'Start an execution for an on-demand report' });
    new CfnOutput(this, 'ComplianceTopicArn', { value: this.notifications.topic.topicArn, description: 'Compliance officers’ notifications' });
  }
}
