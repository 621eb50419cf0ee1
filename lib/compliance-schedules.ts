import { Aws, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ComplianceSchedulesProps {
  /** The audit's state machine: started daily and quarterly (and by hand, on demand). */
  readonly stateMachine: sfn.IStateMachine;
  /** The weekly log-review worksheet function. */
  readonly worksheetFunction: lambda.IFunction;
  /** Where a start that keeps failing ends up. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The key the dead-letter queue is encrypted with. */
  readonly deadLetterKey: kms.IKey;
  /** IANA zone of the organisation: schedules follow its clock. */
  readonly timezone: string;
}

/**
 * EventBridge Scheduler: the checks daily, the log-review worksheet weekly (Monday, covering
 * the week before), the checklist report on the first day of each quarter.
 */
export class ComplianceSchedules extends Construct {
  public readonly daily: scheduler.Schedule;
  public readonly weekly: scheduler.Schedule;
  public readonly quarterly: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: ComplianceSchedulesProps) {
    super(scope, id);
    const timeZone = TimeZone.of(props.timezone);
    const delivery = { deadLetterQueue: props.deadLetterQueue, retryAttempts: 3, role: this.schedulerRole(props) };
    const startWith = (mode: string) =>
      new targets.StepFunctionsStartExecution(props.stateMachine, { ...delivery, input: scheduler.ScheduleTargetInput.fromObject({ mode }) });

    this.daily = new scheduler.Schedule(this, 'DailyChecks', {
      description: 'Runs the audit checks every morning',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '6', timeZone }),
      target: startWith('daily'),
    });
    this.quarterly = new scheduler.Schedule(this, 'QuarterlyChecklist', {
      description: 'The quarterly checklist report, first day of each quarter',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '7', day: '1', month: '1,4,7,10', timeZone }),
      target: startWith('quarterly'),
    });
    this.weekly = new scheduler.Schedule(this, 'WeeklyLogReview', {
      description: 'Builds the weekly audit-log review worksheet',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '6', weekDay: 'MON', timeZone }),
      target: new targets.LambdaInvoke(props.worksheetFunction, delivery),
    });
  }

  /**
   * One role for the three schedules, with one customer-managed policy. The targets' own grants
   * are turned off (`withoutPolicyUpdates`) because CDK writes them inline; these are the same.
   */
  private schedulerRole(props: ComplianceSchedulesProps): iam.IRole {
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } } }),
      description: 'Starts the compliance runs and the weekly worksheet',
    });
    new iam.ManagedPolicy(this, 'Policy', {
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [props.stateMachine.stateMachineArn] }),
        new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.worksheetFunction.functionArn] }),
        new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }),
        new iam.PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.deadLetterKey.keyArn],
          conditions: { StringLike: { 'kms:ViaService': 'sqs.*.amazonaws.com' } },
        }),
      ],
    });
    return role.withoutPolicyUpdates();
  }
}
