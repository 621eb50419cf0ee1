import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Aws, Duration, type Size } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BUNDLED_CONFIG_FILE } from './config/load';
import type { CodingEnvConfig } from './config/schema';
import { SixYearLogGroup } from './six-year-log-group';

const PROJECT_ROOT = path.join(__dirname, '..');

/**
 * ESM sources bundled into CommonJS lose `import.meta.url`; some (the IAM evaluator's data
 * package) read it when loaded. Give it the bundle's own file URL.
 */
export const IMPORT_META_URL_SHIM = {
  define: { 'import.meta.url': '__coding_env_import_meta_url' },
  banner: 'const __coding_env_import_meta_url = require("url").pathToFileURL(__filename).href;',
} as const;

export interface AuditFunctionNetwork {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  /** Allows HTTPS out to the AWS APIs, nothing in. */
  readonly securityGroup: ec2.ISecurityGroup;
}

export interface AuditFunctionProps {
  /** Handler module under `checks/handlers/`, without extension (e.g. `stale-access`). */
  readonly handler: string;
  readonly description: string;
  /** The organisation's config, bundled with the code so handlers judge by the same roster. */
  readonly config: CodingEnvConfig;
  /** Key of the function's six-year log group. */
  readonly logsKey: kms.IKey;
  /**
   * Environment variables for the handler.
   * @default - none besides the SDK's own
   */
  readonly environment?: Record<string, string>;
  /**
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
  /**
   * @default 1024
   */
  readonly memorySize?: number;
  /** The VPC and subnets the function runs in (private, leaving through the NAT and the endpoints). */
  readonly network: AuditFunctionNetwork;
  /**
   * Where failed asynchronous invocations go.
   * @default - none (invoked synchronously by the state machine, which handles failures)
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * @default lambda.Architecture.ARM_64
   */
  readonly architecture?: lambda.Architecture;
  /**
   * Layers, e.g. the report's browser (lib/chromium-layer.ts).
   * @default - none
   */
  readonly layers?: lambda.ILayerVersion[];
  /**
   * Modules left out of the bundle because a layer provides them.
   * @default - none: everything is bundled
   */
  readonly externalModules?: string[];
  /**
   * @default Size.mebibytes(512)
   */
  readonly ephemeralStorageSize?: Size;
}

/**
 * A Lambda function of the audit: bundled locally by esbuild (minified, with only the SDK
 * clients the handler imports), the config beside it, logs kept six years under KMS. Its role
 * holds one customer-managed policy, so every permission it has is listed in one reviewed place.
 */
export class AuditFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly role: iam.Role;
  /** Every permission of the function; add with `grant`. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: AuditFunctionProps) {
    super(scope, id);
    const configFile = stageConfig(props.config);
    const logGroup = new SixYearLogGroup(this, 'Logs', { encryptionKey: props.logsKey });
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description: props.description });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      roles: [this.role],
      description: `Permissions of: ${props.description}`,
      statements: [
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
        ...networkInterfaceStatements(props.network),
      ],
    });
    this.function = new NodejsFunction(this, 'Function', {
      role: this.role,
      entry: path.join(PROJECT_ROOT, 'checks', 'handlers', `${props.handler}.ts`),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      layers: props.layers,
      ephemeralStorageSize: props.ephemeralStorageSize,
      timeout: props.timeout ?? Duration.minutes(5),
      memorySize: props.memorySize ?? 1024,
      environment: props.environment,
      logGroup,
      vpc: props.network.vpc,
      vpcSubnets: props.network.subnets,
      securityGroups: [props.network.securityGroup],
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        minify: true,
        sourceMap: false,
        target: 'node24',
        format: OutputFormat.CJS,
        // ESM entry points let esbuild drop the parts of the SDK a handler does not call.
        mainFields: ['module', 'main'],
        ...IMPORT_META_URL_SHIM,
        // Bundle the SDK clients too: pinned by our lockfile, and only those the handler imports.
        externalModules: props.externalModules ?? [],
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => [`cp "${configFile}" "${outputDir}/${BUNDLED_CONFIG_FILE}"`],
        },
      },
    });
    if (props.deadLetterQueue !== undefined) {
      // Set on the L1 so the send permission lands in the managed policy, not in an inline one.
      (this.function.node.defaultChild as lambda.CfnFunction).deadLetterConfig = { targetArn: props.deadLetterQueue.queueArn };
      this.grant(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }));
    }
  }

  /** Adds permissions to the function's one managed policy. */
  public grant(...statements: iam.PolicyStatement[]): void {
    this.policy.addStatements(...statements);
  }
}

/**
 * Lambda manages the function's network interfaces with the function's role. Only
 * `DescribeNetworkInterfaces` (which has no resource-level permission) is on "*"; creating an
 * interface needs the function's subnets and security group, and deleting or re-addressing one is
 * limited to interfaces in those subnets, so a function cannot touch anything else's network.
 */
function networkInterfaceStatements(network: AuditFunctionNetwork): iam.PolicyStatement[] {
  const arn = (resource: string) => `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
  const subnetArns = network.vpc.selectSubnets(network.subnets).subnetIds.map((id) => arn(`subnet/${id}`));
  return [
    new iam.PolicyStatement({ sid: 'DescribeNetworkInterfaces', actions: ['ec2:DescribeNetworkInterfaces'], resources: ['*'] }),
    new iam.PolicyStatement({
      sid: 'CreateNetworkInterfacesInOwnSubnets',
      actions: ['ec2:CreateNetworkInterface'],
      resources: [arn('network-interface/*'), ...subnetArns, arn(`security-group/${network.securityGroup.securityGroupId}`)],
    }),
    new iam.PolicyStatement({
      sid: 'ManageNetworkInterfacesInOwnSubnets',
      actions: ['ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: [arn('network-interface/*')],
      conditions: { ArnEquals: { 'ec2:Subnet': subnetArns } },
    }),
  ];
}

/** Writes the parsed config where the bundling hook can copy it from; named by content. */
function stageConfig(config: CodingEnvConfig): string {
  const text = `${JSON.stringify(config, null, 2)}\n`;
  const dir = path.join(tmpdir(), 'coding-env-bundled-config');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`);
  writeFileSync(file, text);
  return file;
}
