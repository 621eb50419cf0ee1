import { Aws } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SixYearLogGroup } from './six-year-log-group';

export interface NetworkProps {
  /** The VPC's IPv4 block (config `network.vpcCidr`). */
  readonly vpcCidr: string;
  /** Key encrypting the flow log group. */
  readonly logsKey: kms.IKey;
  /**
   * Create the AppStream streaming interface endpoint (workstations enabled).
   * @default false
   */
  readonly appStreamStreaming?: boolean;
  /**
   * Availability zones to spread the private subnets over.
   * @default 2
   */
  readonly maxAzs?: number;
}

/**
 * The VPC: workloads in private subnets, nothing reachable from the internet. One NAT gateway in
 * a small public subnet (holding nothing else) is the only way out: full-tunnel VPN users reach
 * the AWS console and public AWS endpoints through it, from one Elastic IP that belongs in
 * `allowedSourceCidrs` (CONTRACT §1). AWS APIs are also reached through endpoints (S3 gateway;
 * KMS, STS, Logs and AppStream streaming interfaces with private DNS), which mark requests with
 * `aws:SourceVpce`. Every flow, accepted or rejected, is logged for six years.
 */
export class Network extends Construct {
  public readonly vpc: ec2.Vpc;
  /** The VPC's CIDR as configured (a literal, unlike `vpc.vpcCidrBlock`). */
  public readonly vpcCidr: string;
  public readonly privateSubnets: ec2.SubnetSelection;
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  public readonly flowLogGroup: logs.LogGroup;
  /** The NAT gateway's Elastic IP (resolved at deploy time). */
  public readonly natPublicIp: string;
  /** The AppStream streaming endpoint, when requested. */
  public readonly appStreamEndpoint?: ec2.InterfaceVpcEndpoint;
  /** The AppStream API endpoint (CreateStreamingURL from the browser), with the streaming endpoint. */
  public readonly appStreamApiEndpoint?: ec2.InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.vpcCidr = props.vpcCidr;
    this.flowLogGroup = new SixYearLogGroup(this, 'FlowLogs', { encryptionKey: props.logsKey });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      maxAzs: props.maxAzs ?? 2,
      // One NAT: the egress path has one public address to allow-list (a second AZ's NAT would add another).
      natGateways: 1,
      natGatewayProvider: ec2.NatProvider.gateway(),
      subnetConfiguration: [
        // Holds only the NAT gateway; nothing launched there gets a public address.
        { name: 'nat', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 28, mapPublicIpOnLaunch: false },
        { name: 'workloads', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup, flowLogRole(this, this.flowLogGroup)),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });
    this.privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    const eips = this.vpc.publicSubnets
      .map((subnet) => subnet.node.tryFindChild('EIP'))
      .filter((child): child is ec2.CfnEIP => child instanceof ec2.CfnEIP);
    if (eips.length !== 1) throw new Error(`Network: expected one NAT Elastic IP, found ${eips.length}`);
    this.natPublicIp = eips[0].ref;
    // CDK makes a public subnet in every zone; only the NAT's keeps a route to the internet gateway.
    for (const subnet of this.vpc.publicSubnets) {
      if (subnet.node.tryFindChild('NATGateway') === undefined) subnet.node.tryRemoveChild('DefaultRoute');
    }

    this.s3Endpoint = this.vpc.addGatewayEndpoint('S3', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [this.privateSubnets],
    });
    const services: Record<string, ec2.InterfaceVpcEndpointAwsService> = {
      Kms: ec2.InterfaceVpcEndpointAwsService.KMS,
      Sts: ec2.InterfaceVpcEndpointAwsService.STS,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    };
    for (const [name, service] of Object.entries(services)) this.interfaceEndpoint(name, service);
    if (props.appStreamStreaming) {
      this.appStreamEndpoint = this.interfaceEndpoint('AppStreamStreaming', ec2.InterfaceVpcEndpointAwsService.APPSTREAM_STREAMING);
      // People create their streaming URL through it; only this account's principals may use it.
      this.appStreamApiEndpoint = this.interfaceEndpoint('AppStreamApi', ec2.InterfaceVpcEndpointAwsService.APPSTREAM_API);
      this.appStreamApiEndpoint.addToPolicy(
        new iam.PolicyStatement({
          sid: 'OnlyThisAccount',
          principals: [new iam.StarPrincipal()],
          actions: ['*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }
  }

  /** An interface endpoint with private DNS, admitting HTTPS from the VPC; endpoints start no connections, so no egress. */
  private interfaceEndpoint(name: string, service: ec2.IInterfaceVpcEndpointService): ec2.InterfaceVpcEndpoint {
    const securityGroup = new ec2.SecurityGroup(this, `${name}EndpointSecurityGroup`, {
      vpc: this.vpc,
      description: `${name} interface endpoint`,
      allowAllOutbound: false,
    });
    const endpoint = this.vpc.addInterfaceEndpoint(name, {
      service,
      privateDnsEnabled: true,
      subnets: this.privateSubnets,
      securityGroups: [securityGroup],
      // The literal VPC CIDR rather than open's Fn::GetAtt, so policy rules can read the rule.
      open: false,
    });
    securityGroup.addIngressRule(ec2.Peer.ipv4(this.vpcCidr), ec2.Port.tcp(443), `HTTPS to ${name} from the VPC`);
    return endpoint;
  }

  /** The VPC resolver: the VPC's network address plus two (`10.20.0.0/16` -> `10.20.0.2`). */
  static resolverAddress(vpcCidr: string): string {
    const [address, bits] = vpcCidr.split('/');
    const ip = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
    const size = 2 ** (32 - Number(bits));
    const n = ip - (ip % size) + 2;
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
  }
}

/**
 * The flow logs' role with a customer managed policy (explicit actions on the one log group)
 * instead of the inline policy CDK would grant; immutable, so CDK adds no inline grants.
 */
function flowLogRole(scope: Construct, logGroup: logs.ILogGroup): iam.IRole {
  const role = new iam.Role(scope, 'FlowLogRole', {
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
    description: 'VPC flow logs: deliver to the six-year flow log group',
  });
  new iam.ManagedPolicy(scope, 'FlowLogPolicy', {
    description: 'VPC flow logs: write to the flow log group only',
    roles: [role],
    statements: [
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [logGroup.logGroupArn],
      }),
    ],
  });
  return role.withoutPolicyUpdates();
}
