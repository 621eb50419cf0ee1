import { AspectPriority, Aspects, Aws, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket';
import { AuditArchive } from './audit-archive';
import { ClientVpn } from './client-vpn';
import { ComplianceAutomation } from './compliance-automation';
import { coderGroupName, GROUP_ADMINS, GROUP_AUDITORS } from './config/roster';
import { ConsolePrivateAccess } from './console-private-access';
import { CustomResourceRole } from './custom-resource-role';
import type { CodingEnvConfig } from './config/schema';
import { FIRST_PASSWORD_PREFIX, Identities } from './identities';
import { Keys } from './keys';
import { SixYearLambdaLogging } from './lambda-logging';
import { Network } from './network';
import { AccountPasswordPolicy } from './password-policy';
import { PhiStore } from './phi-store';
import { S3PrefixList } from './s3-prefix-list';
import { SixYearLogGroup } from './six-year-log-group';
import { StreamingAccess } from './streaming-access';
import { AuditTrail } from './trail';
import { TamperAlert } from './tamper-alert';
import { type ProtectedResources, stackArn, TamperDeniesOnEveryRole, TamperProtection } from './tamper-protection';
import { Workstations } from './workstations';

export interface CodingEnvStackProps extends StackProps {
  /** The organisation's parsed config. */
  readonly config: CodingEnvConfig;
  /** As-of date (YYYY-MM-DD) deciding who is departed. */
  readonly asOf: string;
}

/**
 * Feature flags our controls depend on, forced on for this stack so it is the same whether or
 * not the app carries cdk.json's context (the policy-gate CLI builds its own App).
 */
export const REQUIRED_FEATURE_FLAGS: Readonly<Record<string, boolean>> = {
  // Access logs delivered by bucket policy, not the LogDeliveryWrite ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // The VPC's default security group loses its rules.
  '@aws-cdk/aws-ec2:restrictDefaultSecurityGroup': true,
  // Explicit public access block on every bucket.
  '@aws-cdk/aws-s3:publicAccessBlockedByDefault': true,
};

/** The whole coding environment, built from one config file. */
export class CodingEnvStack extends Stack {
  public readonly keys: Keys;
  public readonly network: Network;
  public readonly phiStore: PhiStore;
  public readonly archive: AuditArchive;
  public readonly trail: AuditTrail;
  public readonly vpn: ClientVpn;
  /** Private console and sign-in (their endpoints belong to the set the people guard pins). */
  public readonly consoleAccess: ConsolePrivateAccess;
  /** Who may open their own workstation, when workstations are enabled and someone codes. */
  public readonly streamingAccess?: StreamingAccess;
  /**
   * The endpoints people's console and workstation requests arrive through (console, sign-in,
   * console-static, and the AppStream API with workstations), for policies that pin people to this
   * stack's endpoints. Requests the private console makes on a person's behalf carry
   * `aws:SourceVpc` (this VPC), not `aws:SourceVpce`: AWS documents Console Private Access as not
   * supporting `aws:SourceVpce`, so such a policy must also accept `aws:SourceVpc` = `network.vpc.vpcId`.
   */
  public readonly peopleEndpoints: readonly ec2.IVpcEndpoint[];
  public readonly identities: Identities;
  public readonly workstations?: Workstations;
  public readonly compliance: ComplianceAutomation;
  public readonly tamperAlert: TamperAlert;
  public readonly tamperProtection: TamperProtection;

  constructor(scope: Construct, id: string, props: CodingEnvStackProps) {
    super(scope, id, props);
    for (const [flag, value] of Object.entries(REQUIRED_FEATURE_FLAGS)) this.node.setContext(flag, value);
    const { config } = props;
    const { network: net } = config;

    this.keys = new Keys(this, 'Keys');
    // Every Lambda, CDK's helpers included, logs to a six-year KMS group.
    Aspects.of(this).add(new SixYearLambdaLogging(this.keys.audit), { priority: AspectPriority.MUTATING });

    this.network = new Network(this, 'Network', {
      vpcCidr: net.vpcCidr,
      logsKey: this.keys.audit,
      appStreamStreaming: config.workstations.enabled,
    });

    const accessLogs = new AccessLogBucket(this, 'AccessLogs');
    this.archive = new AuditArchive(this, 'AuditArchive', { encryptionKey: this.keys.audit, accessLogsBucket: accessLogs.bucket });
    this.phiStore = new PhiStore(this, 'PhiStore', {
      bucketName: config.storage.phiBucketName,
      encryptionKey: this.keys.phi,
      accessLogsBucket: accessLogs.bucket,
      s3Endpoint: this.network.s3Endpoint,
    });
    this.trail = new AuditTrail(this, 'AuditTrail', {
      archiveBucket: this.archive.bucket,
      encryptionKey: this.keys.audit,
      dataEventBuckets: [this.phiStore.bucket],
    });

    this.vpn = new ClientVpn(this, 'ClientVpn', {
      vpc: this.network.vpc,
      vpcCidr: net.vpcCidr,
      subnets: this.network.privateSubnets,
      clientCidr: net.vpnClientCidr,
      vpn: net.vpn,
      dnsServers: [Network.resolverAddress(net.vpcCidr)],
      logsKey: this.keys.audit,
    });
    // The VPN reaches the VPC only: the console and sign-in come through these endpoints.
    this.consoleAccess = new ConsolePrivateAccess(this, 'ConsolePrivateAccess', {
      vpc: this.network.vpc,
      subnets: this.network.privateSubnets,
      vpcCidr: net.vpcCidr,
      vpnClientCidr: net.vpnClientCidr,
      consoleStaticDomains: net.consoleStaticDomains,
    });

    this.peopleEndpoints = [
      ...this.consoleAccess.endpoints,
      ...(this.network.appStreamApiEndpoint ? [this.network.appStreamApiEndpoint] : []),
    ];

    // One provider Lambda serves every AwsCustomResource in the stack; it logs here.
    const helperLogs = new SixYearLogGroup(this, 'AwsCustomResourceLogs', { encryptionKey: this.keys.audit });
    const helperRole = new CustomResourceRole(this, 'AwsCustomResourceRole', { logGroup: helperLogs });
    const passwordPolicy = new AccountPasswordPolicy(this, 'AccountPasswordPolicy', { logGroup: helperLogs, role: helperRole });
    this.identities = new Identities(this, 'Identities', {
      config,
      asOf: props.asOf,
      phiBucket: this.phiStore.bucket,
      phiKey: this.keys.phi,
      auditBucket: this.archive.bucket,
      auditKey: this.keys.audit,
      secretsKey: this.keys.secrets,
      egressPublicIps: [this.network.natPublicIp],
      network: { vpcId: this.network.vpc.vpcId, endpointIds: vpcEndpointIds(this.network) },
    });
    // Users get their first password only once the account demands strong ones.
    for (const slice of this.identities.slices) slice.nestedStackResource?.node.addDependency(passwordPolicy);

    const ws = config.workstations;
    if (ws.enabled && this.network.appStreamEndpoint !== undefined) {
      this.workstations = new Workstations(this, 'Workstations', {
        vpc: this.network.vpc,
        subnets: this.network.privateSubnets,
        streamingEndpoint: this.network.appStreamEndpoint,
        vpnClientCidr: net.vpnClientCidr,
        vpcCidr: net.vpcCidr,
        s3PrefixListId: new S3PrefixList(this, 'S3PrefixList', { logGroup: helperLogs, role: helperRole }).prefixListId,
        imageName: ws.imageName,
        instanceType: ws.instanceType,
        maxSessions: ws.maxSessions,
      });
      const coderGroups = config.specialties.flatMap((s) => {
        const group = this.identities.groups.get(coderGroupName(s));
        return group ? [group] : [];
      });
      if (coderGroups.length > 0 && this.network.appStreamApiEndpoint !== undefined) {
        this.streamingAccess = new StreamingAccess(this, 'StreamingAccess', {
          stack: this.workstations.stack,
          fleet: this.workstations.fleet,
          groups: coderGroups,
          apiEndpoint: this.network.appStreamApiEndpoint,
          vpcId: this.network.vpc.vpcId,
        });
      }
    }

    // Register keepers: compliance auditors and platform admins, and only their users.
    const keeperGroups = [GROUP_AUDITORS, GROUP_ADMINS].flatMap((name) => {
      const group = this.identities.groups.get(name);
      return group ? [group] : [];
    });
    // By name, not by reference: the users live in the roster's nested stacks, and a reference per
    // keeper would add a nested-stack output each (200 at most).
    const keeperUsers = config.people.flatMap((p) =>
      (p.role === 'auditor' || p.role === 'admin') && this.identities.users.has(p.id) ? [iam.User.fromUserName(this, `RegisterKeeper-${p.id}`, p.id)] : [],
    );
    this.compliance = new ComplianceAutomation(this, 'Compliance', {
      config,
      archive: { bucket: this.archive.bucket, key: this.keys.audit, trailArn: this.trail.trail.trailArn },
      reportsKey: this.keys.reports,
      logsKey: this.keys.audit,
      accessLogsBucket: accessLogs.bucket,
      registerKeepers: keeperGroups,
      registerKeeperUsers: keeperUsers,
      vpc: this.network.vpc,
      subnets: this.network.privateSubnets,
    });

    // Alert first: the denies protect its rule too.
    this.tamperAlert = new TamperAlert(this, 'TamperAlert', { topic: this.compliance.notifications.topic, topicKey: this.keys.reports });
    this.tamperProtection = new TamperProtection(this, 'TamperProtection', {
      groups: [...this.identities.groups.values()],
      resources: this.protectedResources(accessLogs),
    });
    Aspects.of(this).add(new TamperDeniesOnEveryRole(this.tamperProtection));

    this.outputs(accessLogs);
  }

  /** What the tamper denies protect: this stack's trail, buckets (Athena's query results too: they may hold PHI), keys, log groups, flow logs, VPN, workstations and the alert. */
  private protectedResources(accessLogs: AccessLogBucket): ProtectedResources {
    const flowLogs = this.network.node.findAll().filter((c): c is ec2.CfnFlowLog => c instanceof ec2.CfnFlowLog);
    const ws = this.workstations;
    return {
      trail: [this.trail.trail.trailArn],
      buckets: [this.archive.bucket, this.phiStore.bucket, this.compliance.reports.bucket, this.compliance.register.bucket, accessLogs.bucket, this.compliance.athena.resultsBucket].map(
        (b) => b.bucketArn,
      ),
      keys: [this.keys.phi, this.keys.audit, this.keys.reports, this.keys.secrets].map((k) => k.keyArn),
      // Every log group of the account in this region: the six-year groups and any CloudTrail or flow logs may be sent to.
      logGroups: [stackArn('logs', 'log-group:*')],
      flowLogs: flowLogs.map((f) => stackArn('ec2', `vpc-flow-log/${f.ref}`)),
      vpn: [stackArn('ec2', `client-vpn-endpoint/${this.vpn.endpoint.ref}`)],
      workstations: ws ? [stackArn('appstream', `stack/${ws.stack.ref}`), stackArn('appstream', `fleet/${ws.fleet.ref}`)] : [],
      alerting: [this.tamperAlert.rule.ruleArn, this.compliance.notifications.topic.topicArn],
    };
  }

  private outputs(accessLogs: AccessLogBucket): void {
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('VpnEndpointId', this.vpn.endpoint.ref, 'Client VPN endpoint id (download the client configuration from it)');
    out('VpcId', this.network.vpc.vpcId, 'The VPC');
    out('NatPublicIp', this.network.natPublicIp, 'Public address of the VPC egress (NAT): add it to network.allowedSourceCidrs as <ip>/32');
    out('PhiBucketName', this.phiStore.bucket.bucketName, 'PHI bucket');
    out('AuditArchiveBucketName', this.archive.bucket.bucketName, "Trail archive (Object Lock); the audit's --trail-bucket");
    out('AccessLogsBucketName', accessLogs.bucket.bucketName, 'S3 server access logs');
    out('TrailArn', this.trail.trail.trailArn, 'CloudTrail trail');
    out('PhiKeyArn', this.keys.phi.keyArn, 'KMS key of PHI objects');
    out('AuditKeyArn', this.keys.audit.keyArn, 'KMS key of the trail and log groups');
    out('ReportsKeyArn', this.keys.reports.keyArn, 'KMS key for compliance reports');
    out('SecretsKeyArn', this.keys.secrets.keyArn, 'KMS key of the first passwords');
    // One output for everyone (200 outputs at most per stack): the secret's name follows from the person's id.
    if (this.identities.firstPasswords.size > 0) {
      out('FirstPasswordSecretName', `${FIRST_PASSWORD_PREFIX}/<person id>/first-password`, 'Secrets Manager name of each person’s first console password');
    }
    if (this.workstations) out('WorkstationStackName', this.workstations.stack.ref, 'AppStream stack (create streaming URLs for it)');
    this.consoleOutputs();
  }

  /** What a person needs on their first day (README, "A coder's first day"). */
  private consoleOutputs(): void {
    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    const regional = `https://${Aws.REGION}.console.aws.amazon.com`;
    out('ConsoleSignInUrl', `${regional}/console/home?region=${Aws.REGION}`, 'Console sign-in through the VPN (private console): open it while connected');
    out('AccountId', Aws.ACCOUNT_ID, 'Account ID to type at sign-in (IAM user)');
    out(
      'ConsoleRegionlessNames',
      Fn.conditionIf(
        this.consoleAccess.inUsEast1.logicalId,
        "private: console.aws.amazon.com and signin.aws.amazon.com resolve to this VPC's endpoints",
        'NOT private: this Region cannot serve console.aws.amazon.com and signin.aws.amazon.com (AWS serves them from us-east-1 only); see the README',
      ).toString(),
      'Whether the Region-less console and sign-in names are served by this stack',
    );
    if (this.workstations) {
      out('WorkstationFleetName', this.workstations.fleet.ref, 'AppStream fleet behind the workstation stack');
      out('WorkstationConsoleUrl', `${regional}/appstream2/home?region=${Aws.REGION}`, 'AppStream console: Stacks, the workstation stack, Actions, Create streaming URL');
    }
  }
}

/** Every VPC endpoint the network created (gateway and interface): the guard's pinned endpoints. */
function vpcEndpointIds(network: Network): string[] {
  return network.node
    .findAll()
    .filter((c): c is ec2.CfnVPCEndpoint => c instanceof ec2.CfnVPCEndpoint)
    .map((e) => e.ref);
}
