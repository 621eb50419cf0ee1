import { Aws, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { AuditFunction, type AuditFunctionNetwork } from './audit-function';
import { type EnabledAwsOrganization, MEMBER_ROLE_PATH } from './config/aws-organization';
import type { CodingEnvConfig } from './config/schema';
import { OrganizationStackSet } from './organization-stack-set';
import { REGISTER_KEY } from './register-bucket';

/** Prefix of the reports bucket for organization runs: `organization/<day>/<run>/` and `accounts/<id>/` below it. */
export const ORGANIZATION_PREFIX = 'organization/';
/** The Distributed Map's label: its child executions are named after it. */
export const MEMBER_MAP_LABEL = 'MemberAccounts';

export interface OrganizationAuditProps {
  readonly config: CodingEnvConfig;
  readonly organization: EnabledAwsOrganization;
  readonly registerBucket: s3.IBucket;
  readonly reportsBucket: s3.IBucket;
  /** Key of the reports and register buckets and of the topic. */
  readonly reportsKey: kms.IKey;
  readonly logsKey: kms.IKey;
  readonly topic: sns.ITopic;
  readonly network: AuditFunctionNetwork;
  /** The audit account's own reports prefix: the organization's report reads its report there. */
  readonly reportsPrefix: string;
  /** Days of events each account's run reads. */
  readonly windowDays: number;
  /** Errors the tasks retry with backoff (throttling). */
  readonly retryErrors: readonly string[];
}

/**
 * The organization run (issue 10): the member audit role in every account of the target OUs
 * (a service-managed StackSet), and, after the audit account's own report, the states that list
 * the organization's accounts, audit each member account in a Distributed Map (one child
 * execution per account, bounded concurrency, no failure tolerated) and write the organization's
 * report. An account that fails without a report fails the map: the organization's report is
 * still filed, that account `error` in it, and the execution fails so the run alarms.
 */
export class OrganizationAudit extends Construct {
  public readonly stackSet: OrganizationStackSet;
  /** Lists the organization's accounts (organizations:ListAccounts). */
  public readonly accountsFunction: lambda.IFunction;
  /** Audits one member account through its member role and files its report. */
  public readonly accountFunction: lambda.IFunction;
  /** Merges the accounts' reports into the organization's. */
  public readonly reportFunction: lambda.IFunction;
  /** The per-account function's role: the one principal member roles trust. */
  public readonly auditorRole: iam.IRole;
  public readonly map: sfn.DistributedMap;
  /** The first state of the organization run; its last states succeed or fail the execution. */
  public readonly startState: sfn.State;
  private readonly props: OrganizationAuditProps;

  constructor(scope: Construct, id: string, props: OrganizationAuditProps) {
    super(scope, id);
    this.props = props;
    const { organization: org } = props;
    const common = { config: props.config, logsKey: props.logsKey, network: props.network };

    const accounts = new AuditFunction(this, 'Accounts', {
      ...common,
      handler: 'organization-accounts',
      description: "Lists the organization's accounts for the organization run (read-only)",
      timeout: Duration.minutes(2),
      memorySize: 512,
      environment: { HOME_ACCOUNT_ID: Aws.ACCOUNT_ID },
    });
    // ListAccounts has no resource-level permission.
    accounts.grant(new iam.PolicyStatement({ actions: ['organizations:ListAccounts'], resources: ['*'] }));
    this.accountsFunction = accounts.function;

    const account = new AuditFunction(this, 'Account', {
      ...common,
      handler: 'organization-account',
      description: "Audits one member account through its read-only audit role and files the account's report",
      timeout: Duration.minutes(15),
      memorySize: 2048,
      environment: {
        PARTITION: Aws.PARTITION,
        MEMBER_ROLE_PATH,
        MEMBER_ROLE_NAME: org.memberRoleName,
        AUDIT_REGIONS: Aws.REGION,
        WINDOW_DAYS: String(props.windowDays),
        REGISTER_BUCKET: props.registerBucket.bucketName,
        REGISTER_KEY,
        REPORTS_BUCKET: props.reportsBucket.bucketName,
        ORGANIZATION_PREFIX,
      },
    });
    account.grant(
      new iam.PolicyStatement({
        sid: 'AssumeMemberAuditRoleInOrganization',
        actions: ['sts:AssumeRole'],
        resources: [`arn:${Aws.PARTITION}:iam::*:role${MEMBER_ROLE_PATH}${org.memberRoleName}`],
        conditions: { StringEquals: { 'aws:ResourceOrgID': org.organizationId } },
      }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.registerBucket.arnForObjects(REGISTER_KEY)] }),
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.reportsBucket.arnForObjects(`${ORGANIZATION_PREFIX}*`)] }),
      keyUse(props.reportsKey, ['kms:Decrypt', 'kms:GenerateDataKey'], ['s3']),
    );
    this.accountFunction = account.function;
    this.auditorRole = account.role;

    const report = new AuditFunction(this, 'Report', {
      ...common,
      handler: 'organization-report',
      description: "Writes the organization's compliance report from the accounts' reports and notifies the officers",
      timeout: Duration.minutes(10),
      memorySize: 2048,
      environment: {
        WINDOW_DAYS: String(props.windowDays),
        REPORTS_BUCKET: props.reportsBucket.bucketName,
        REPORTS_PREFIX: props.reportsPrefix,
        ORGANIZATION_PREFIX,
        TOPIC_ARN: props.topic.topicArn,
        HOME_ACCOUNT_ID: Aws.ACCOUNT_ID,
      },
    });
    report.grant(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.reportsBucket.arnForObjects(`${props.reportsPrefix}*`), props.reportsBucket.arnForObjects(`${ORGANIZATION_PREFIX}*`)],
      }),
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.reportsBucket.arnForObjects(`${ORGANIZATION_PREFIX}*`)] }),
      keyUse(props.reportsKey, ['kms:Decrypt', 'kms:GenerateDataKey'], ['s3', 'sns']),
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.topic.topicArn] }),
    );
    this.reportFunction = report.function;

    this.stackSet = new OrganizationStackSet(this, 'MemberRole', {
      organizationId: org.organizationId,
      targetOrganizationalUnitIds: org.targetOrganizationalUnitIds,
      deployedFrom: org.deployedFrom,
      memberRoleName: org.memberRoleName,
      auditorRoleArn: account.role.roleArn,
    });

    const { start, map } = this.states();
    this.startState = start;
    this.map = map;
  }

  /** Every function the state machine invokes. */
  public get functions(): lambda.IFunction[] {
    return [this.accountsFunction, this.accountFunction, this.reportFunction];
  }

  /**
   * What the state machine's role needs for the Distributed Map: start its own child executions
   * and watch or stop them (AWS's documented Distributed Map policy), nothing else.
   */
  public distributedMapStatements(stateMachine: sfn.StateMachine): iam.PolicyStatement[] {
    const executions = `arn:${Aws.PARTITION}:states:${Aws.REGION}:${Aws.ACCOUNT_ID}:execution:${stateMachine.stateMachineName}/${MEMBER_MAP_LABEL}:*`;
    return [
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachine.stateMachineArn] }),
      new iam.PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executions] }),
    ];
  }

  private task(id: string, fn: lambda.IFunction, props: Partial<tasks.LambdaInvokeProps> = {}): tasks.LambdaInvoke {
    const invoke = new tasks.LambdaInvoke(this, id, { lambdaFunction: fn, payloadResponseOnly: true, retryOnServiceExceptions: false, ...props });
    invoke.addRetry({ errors: [...this.props.retryErrors], interval: Duration.seconds(5), maxAttempts: 4, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
    return invoke;
  }

  private states(): { start: sfn.State; map: sfn.DistributedMap } {
    // The run's state from here on: small, whatever the audit account's results weighed.
    const start = new sfn.Pass(this, 'Organization run', {
      parameters: { 'mode.$': '$.mode', 'home.$': '$.report.location', 'executionName.$': '$$.Execution.Name', 'startedAt.$': '$$.Execution.StartTime' },
    });
    const list = this.task('List member accounts', this.accountsFunction, { payload: sfn.TaskInput.fromObject({}), resultPath: '$.listing' });

    const perAccount = this.task('Audit member account', this.accountFunction, { resultPath: sfn.JsonPath.DISCARD });
    const map = new NoFailureToleratedMap(this, 'Audit member accounts', {
      itemsPath: '$.listing.accounts',
      itemSelector: {
        'account.$': '$$.Map.Item.Value',
        'mode.$': '$.mode',
        'executionName.$': '$.executionName',
        'startedAt.$': '$.startedAt',
        'organization.$': '$.listing.organization',
      },
      maxConcurrency: this.props.organization.maxConcurrency,
      mapExecutionType: sfn.StateMachineType.STANDARD,
      label: MEMBER_MAP_LABEL,
      resultPath: sfn.JsonPath.DISCARD,
    });
    map.itemProcessor(perAccount);

    // The whole run state is the payload: the listing, or why it or the map failed, only when present.
    const report = this.task('Write organization report', this.reportFunction, { resultPath: '$.organizationReport' });
    report.addCatch(new sfn.Fail(this, 'Organization report failed', { error: 'OrganizationReportFailed', cause: "The organization's report step failed; see its log group." }));
    list.addCatch(report, { errors: ['States.ALL'], resultPath: '$.listingFailure' });
    map.addCatch(report, { errors: ['States.ALL'], resultPath: '$.mapFailure' });

    const done = new sfn.Choice(this, 'Organization complete?')
      .when(sfn.Condition.booleanEquals('$.organizationReport.complete', true), new sfn.Succeed(this, 'Organization reported'))
      .otherwise(new sfn.Fail(this, 'Organization incomplete', { error: 'OrganizationIncomplete', cause: "An account's run or the account listing failed; the organization's report names it." }));
    start.next(list).next(map).next(report).next(done);
    return { start, map };
  }
}

/**
 * A Distributed Map that tolerates no failed child execution, said in the state itself: CDK
 * leaves a tolerance of 0 out of the definition, and the run's completeness must not rest on
 * an unwritten default. One account without a report stops the map: the run is incomplete.
 */
class NoFailureToleratedMap extends sfn.DistributedMap {
  public override toStateJson(stateMachineQueryLanguage?: sfn.QueryLanguage): object {
    return { ...super.toStateJson(stateMachineQueryLanguage), ToleratedFailureCount: 0, ToleratedFailurePercentage: 0 };
  }
}

/** Use of a key through the named services only. */
function keyUse(key: kms.IKey, actions: string[], services: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions, resources: [key.keyArn], conditions: { StringLike: { 'kms:ViaService': services.map((s) => `${s}.*.amazonaws.com`) } } });
}
