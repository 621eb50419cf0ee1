import { Aws, Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ALL_CHECKS } from '../checks/rules/all-checks';
import { enabledOrganization } from './config/aws-organization';
import type { AuditAthena } from './audit-athena';
import { athenaCheckReads } from './athena-check-reads';
import { AuditFunction, type AuditFunctionNetwork } from './audit-function';
import { CHROMIUM_BIN_DIR, ChromiumLayer } from './chromium-layer';
import { type EvidenceKind, evidenceReadStatements, integrityProbeStatements, type TrailArchiveSource } from './audit-read-grants';
import type { CodingEnvConfig } from './config/schema';
import { OrganizationAudit } from './organization-audit';
import { REGISTER_KEY } from './register-bucket';
import { SixYearLogGroup } from './six-year-log-group';

/** Prefixes of the reports bucket: the report step writes only under its own. */
export const REPORTS_PREFIX = 'reports/';
export const WORKSHEETS_PREFIX = 'log-reviews/';

/** Errors worth retrying with backoff: throttling of Lambda itself or of the APIs a check calls. */
const THROTTLING_ERRORS = ['Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'Lambda.SdkClientException', 'ThrottlingException', 'TooManyRequestsException', 'States.Timeout'];

export interface ScheduledChecksProps {
  readonly config: CodingEnvConfig;
  /** The trail's archive and its key: data events are read from it. */
  readonly archive: TrailArchiveSource;
  /** Athena over the archive: the functions that read events select them there (not LookupEvents). */
  readonly athena: AuditAthena;
  /** The bucket holding the register. */
  readonly registerBucket: s3.IBucket;
  /** Where reports and worksheets are filed. */
  readonly reportsBucket: s3.IBucket;
  /** Key of the reports and register buckets and of the topic. */
  readonly reportsKey: kms.IKey;
  /** Key of the functions' and state machine's log groups. */
  readonly logsKey: kms.IKey;
  /** The officers' topic: the report step publishes its summary there. */
  readonly topic: sns.ITopic;
  /** Where the functions run: private subnets of the environment's VPC. */
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  /** Dead-letter queue of the weekly worksheet's asynchronous invocations. */
  readonly deadLetterQueue: sqs.IQueue;
  /**
   * The archive's Object Lock COMPLIANCE default, in days, that the integrity probe expects.
   * @default 2192
   */
  readonly archiveRetentionDays?: number;
  /**
   * Days of events each check reads.
   * @default 30
   */
  readonly windowDays?: number;
  /**
   * Also import each report's findings into AWS Security Hub (BatchImportFindings into this
   * account's default product). Security Hub must be enabled in the account and region.
   * @default the context value `securityHubImport` (`cdk synth -c securityHubImport=true`), else false
   */
  readonly securityHubImport?: boolean;
}

/**
 * The audit in the account: one read-only function per check, run in parallel by a state
 * machine that retries throttling with backoff, turns a failed check into an `error` result,
 * and ends in the report step, the only one that writes (its prefix) and notifies.
 */
export class ScheduledChecks extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly checkFunctions: ReadonlyMap<string, lambda.IFunction>;
  public readonly reportFunction: lambda.IFunction;
  public readonly worksheetFunction: lambda.IFunction;
  /** With `awsOrganization` enabled: the member role's StackSet and the fan-out over the member accounts. */
  public readonly organization?: OrganizationAudit;
  private readonly network: AuditFunctionNetwork;
  private machineRole?: iam.Role;

  constructor(scope: Construct, id: string, props: ScheduledChecksProps) {
    super(scope, id);
    const { config, archive } = props;
    const securityGroup = new ec2.SecurityGroup(this, 'FunctionsSecurityGroup', {
      vpc: props.vpc,
      description: 'Audit functions: HTTPS out to the AWS APIs (endpoints and NAT), nothing in',
      allowAllOutbound: false,
    });
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs');
    this.network = { vpc: props.vpc, subnets: props.subnets, securityGroup };
    const windowDays = String(props.windowDays ?? 30);
    const trailEnv = { TRAIL_BUCKET: archive.bucket.bucketName, WINDOW_DAYS: windowDays };

    const records = { bucket: props.registerBucket, key: props.reportsKey };
    const recordsEnv = { REGISTER_BUCKET: props.registerBucket.bucketName, REGISTER_KEY };
    const checkFunctions = new Map<string, lambda.IFunction>();
    for (const check of ALL_CHECKS) {
      // audit-integrity also probes the trail, the archive's lock and the stack's drift, live.
      const probe = check.check === 'audit-integrity';
      // The events through Athena: its grants instead of LookupEvents and the archive reads.
      const queries = check.needs.includes('events') ? athenaCheckReads(props.athena) : undefined;
      const fn = new AuditFunction(this, `Check-${check.check}`, {
        handler: check.check,
        description: `Audit check ${check.check} (read-only)`,
        config,
        logsKey: props.logsKey,
        network: this.network,
        ...(queries ? { timeout: queries.timeout } : {}),
        environment: {
          ...trailEnv,
          ...queries?.environment,
          ...(readsRecords(check.needs) ? recordsEnv : {}),
          ...(probe ? { TRAIL_ARN: archive.trailArn, STACK_NAME: Aws.STACK_NAME, ARCHIVE_RETENTION_DAYS: String(props.archiveRetentionDays ?? 2192) } : {}),
        },
      });
      fn.grant(...evidenceReadStatements(withoutEvents(check.needs), archive, records), ...(queries?.statements ?? []), ...(probe ? integrityProbeStatements(this, archive) : []));
      checkFunctions.set(check.check, fn.function);
    }
    this.checkFunctions = checkFunctions;

    this.reportFunction = this.reportStep(props);
    this.worksheetFunction = this.worksheetStep(props, trailEnv);
    const org = enabledOrganization(config.awsOrganization);
    if (org) {
      this.organization = new OrganizationAudit(this, 'Organization', {
        config,
        organization: org,
        registerBucket: props.registerBucket,
        reportsBucket: props.reportsBucket,
        reportsKey: props.reportsKey,
        logsKey: props.logsKey,
        topic: props.topic,
        network: this.network,
        reportsPrefix: REPORTS_PREFIX,
        windowDays: props.windowDays ?? 30,
        retryErrors: THROTTLING_ERRORS,
      });
    }
    this.stateMachine = this.orchestrate(props.logsKey);
    if (this.organization && this.machineRole) {
      // CDK writes the Distributed Map's grants as an inline policy the role (withoutPolicyUpdates) never gets: ours instead,
      // managed and separate from the role's first policy, since it names the state machine, which depends on that one.
      this.stateMachine.node.tryRemoveChild('DistributedMapPolicy');
      new iam.ManagedPolicy(this, 'StateMachineMapPolicy', { roles: [this.machineRole], statements: this.organization.distributedMapStatements(this.stateMachine) });
    }
  }

  /** Evaluates the checklist, writes report.{json,md,html,pdf} under its prefix, notifies the officers. */
  private reportStep(props: ScheduledChecksProps): lambda.IFunction {
    const flag: unknown = this.node.tryGetContext('securityHubImport');
    const securityHub = props.securityHubImport ?? (flag === true || flag === 'true');
    const securityHubProductArn = `arn:${Aws.PARTITION}:securityhub:${Aws.REGION}:${Aws.ACCOUNT_ID}:product/${Aws.ACCOUNT_ID}/default`;
    const fn = new AuditFunction(this, 'Report', {
      // Chromium prints the PDF: the package recommends 1,600 MB or more; unpacked it takes about 250 MB of /tmp.
      architecture: lambda.Architecture.X86_64,
      layers: [new ChromiumLayer(this, 'Chromium').layer],
      externalModules: ['playwright-core'],
      memorySize: 2048,
      timeout: Duration.minutes(5),
      ephemeralStorageSize: Size.mebibytes(1024),
      handler: 'report',
      description: 'Writes the compliance report from the check results and notifies the officers',
      config: props.config,
      logsKey: props.logsKey,
      network: this.network,
      environment: {
        REGISTER_BUCKET: props.registerBucket.bucketName,
        REGISTER_KEY,
        REPORTS_BUCKET: props.reportsBucket.bucketName,
        REPORTS_PREFIX,
        TOPIC_ARN: props.topic.topicArn,
        CHROMIUM_BIN_DIR,
        ...(securityHub ? { SECURITY_HUB_IMPORT: 'true', SECURITY_HUB_PRODUCT_ARN: securityHubProductArn } : {}),
      },
    });
    // The one write outside the reports bucket, on this account's own product only.
    if (securityHub) fn.grant(new iam.PolicyStatement({ actions: ['securityhub:BatchImportFindings'], resources: [securityHubProductArn] }));
    fn.grant(
      // The checklist needs users' creation dates and roles' trust policies.
      ...evidenceReadStatements(['credentialReport', 'authorization'], props.archive),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.registerBucket.arnForObjects(REGISTER_KEY)] }),
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.reportsBucket.arnForObjects(`${REPORTS_PREFIX}*`)] }),
      // The previous report, for new/recurring/resolved and the trend: list and read under its own prefix only.
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [props.reportsBucket.arnForObjects(`${REPORTS_PREFIX}*`)] }),
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.reportsBucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${REPORTS_PREFIX}*`] } } }),
      reportsKeyUse(props.reportsKey, ['s3', 'sns']),
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.topic.topicArn] }),
    );
    return fn.function;
  }

  /** Builds the weekly log-review worksheet from the PHI data events and files it. */
  private worksheetStep(props: ScheduledChecksProps, trailEnv: Record<string, string>): lambda.IFunction {
    const queries = athenaCheckReads(props.athena);
    const fn = new AuditFunction(this, 'Worksheet', {
      handler: 'worksheet',
      description: 'Builds the weekly audit-log review worksheet',
      config: props.config,
      logsKey: props.logsKey,
      network: this.network,
      timeout: queries.timeout,
      environment: { ...trailEnv, ...queries.environment, REPORTS_BUCKET: props.reportsBucket.bucketName, WORKSHEETS_PREFIX, TOPIC_ARN: props.topic.topicArn, REGISTER_BUCKET: props.registerBucket.bucketName, REGISTER_KEY },
      deadLetterQueue: props.deadLetterQueue,
    });
    fn.grant(
      // The watch list and the AI-attestation export have their own sections.
      ...evidenceReadStatements(['register', 'attestations'], props.archive, { bucket: props.registerBucket, key: props.reportsKey }),
      ...queries.statements,
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [props.reportsBucket.arnForObjects(`${WORKSHEETS_PREFIX}*`)] }),
      // Its dead-letter queue is encrypted with the reports key too.
      reportsKeyUse(props.reportsKey, ['s3', 'sns', 'sqs']),
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.topic.topicArn] }),
    );
    return fn.function;
  }

  /**
   * The state machine's role with one customer-managed policy. CDK's own grants are turned off
   * (`withoutPolicyUpdates`) because it writes them inline; these are the same, listed here.
   */
  private stateMachineRole(): iam.IRole {
    const role = new iam.Role(this, 'StateMachineRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      description: 'Runs the scheduled compliance checks and the report step',
    });
    new iam.ManagedPolicy(this, 'StateMachinePolicy', {
      roles: [role],
      statements: stateMachineStatements([...this.checkFunctions.values(), this.reportFunction, ...(this.organization?.functions ?? [])]),
    });
    this.machineRole = role;
    return role.withoutPolicyUpdates();
  }

  private orchestrate(logsKey: kms.IKey): sfn.StateMachine {
    const parallel = new sfn.Parallel(this, 'RunChecks', { resultPath: '$.results' });
    for (const [name, fn] of this.checkFunctions) {
      const invoke = new tasks.LambdaInvoke(this, `Run ${name}`, {
        lambdaFunction: fn,
        payload: sfn.TaskInput.fromObject({ check: name, 'startedAt.$': '$$.Execution.StartTime' }),
        payloadResponseOnly: true,
        retryOnServiceExceptions: false,
      });
      invoke.addRetry({ errors: THROTTLING_ERRORS, interval: Duration.seconds(5), maxAttempts: 4, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
      // A failed check is reported, not fatal: the report lists it as `error`.
      const failed = new sfn.Pass(this, `${name} failed`, {
        parameters: {
          check: name,
          status: 'error',
          'error.$': "States.Format('the check did not complete: {}', $.failure.Error)",
          findings: [],
          inputs: [],
        },
      });
      invoke.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.failure' });
      parallel.branch(invoke);
    }

    const report = new tasks.LambdaInvoke(this, 'Write report', {
      lambdaFunction: this.reportFunction,
      payload: sfn.TaskInput.fromObject({
        'mode.$': '$.mode',
        'results.$': '$.results',
        'executionName.$': '$$.Execution.Name',
        'startedAt.$': '$$.Execution.StartTime',
      }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      // The organization run reads the audit account's report from where it was filed.
      ...(this.organization ? { resultPath: '$.report' } : {}),
    });
    report.addRetry({ errors: THROTTLING_ERRORS, interval: Duration.seconds(5), maxAttempts: 4, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
    report.addCatch(new sfn.Fail(this, 'Report failed', { error: 'ReportFailed', cause: 'The report step failed; see its log group.' }));

    // Started on demand without input, the run is an on-demand report.
    const mode = new sfn.Choice(this, 'Mode given?')
      .when(sfn.Condition.isPresent('$.mode'), parallel)
      .otherwise(new sfn.Pass(this, 'On demand', { parameters: { mode: 'on-demand' } }).next(parallel));
    parallel.next(report).next(this.organization?.startState ?? new sfn.Succeed(this, 'Reported'));

    return new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(mode),
      role: this.stateMachineRole(),
      // Member accounts run at most 15 minutes each, `maxConcurrency` at a time.
      timeout: this.organization ? Duration.hours(12) : Duration.hours(2),
      tracingEnabled: true,
      logs: {
        destination: new SixYearLogGroup(this, 'StateMachineLogs', { encryptionKey: logsKey }),
        level: sfn.LogLevel.ALL,
        // Results name people and addresses: keep them out of the execution log.
        includeExecutionData: false,
      },
    });
  }
}

/** The kinds read with evidenceReadStatements: events are selected in Athena instead (athenaCheckReads). */
function withoutEvents(needs: readonly EvidenceKind[]): EvidenceKind[] {
  return needs.filter((k) => k !== 'events');
}

/** Checks that read the register bucket (the register, the AI-attestation export) get its name. */
function readsRecords(needs: readonly EvidenceKind[]): boolean {
  return needs.includes('register') || needs.includes('attestations');
}

/** Invoke exactly the audit's functions, trace, and deliver logs: Step Functions' log delivery and X-Ray authorize only on "*". */
function stateMachineStatements(functions: readonly lambda.IFunction[]): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: functions.map((f) => f.functionArn) }),
    new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], resources: ['*'] }),
    new iam.PolicyStatement({
      actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'],
      resources: ['*'],
    }),
  ];
}

/** Use of the reports key (reports, register, topic, queue), only through the named services. */
function reportsKeyUse(key: kms.IKey, services: readonly string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: [key.keyArn],
    conditions: { StringLike: { 'kms:ViaService': services.map((s) => `${s}.*.amazonaws.com`) } },
  });
}
