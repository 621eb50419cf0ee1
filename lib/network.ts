import * as ec2 from 'aws-cdk-lib/aws-ec2';
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
 * The VPC: private isolated subnets only, so nothing in it reaches or is reached from the
 * internet. AWS APIs are reached through endpoints (S3 gateway; KMS, STS, Logs and AppStream
 * streaming interfaces with private DNS), which also mark requests with `aws:SourceVpce`.
 * Every flow, accepted or rejected, is logged for six years.
 */
export class Network extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly privateSubnets: ec2.SubnetSelection;
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  public readonly flowLogGroup: logs.LogGroup;
  /** The AppStream streaming endpoint, when requested. */
  public readonly appStreamEndpoint?: ec2.InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    this.flowLogGroup = new SixYearLogGroup(this, 'FlowLogs', { encryptionKey: props.logsKey });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      maxAzs: props.maxAzs ?? 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'workloads', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });
    this.privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

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
    }
  }

  /** An interface endpoint with private DNS, admitting HTTPS from the VPC; endpoints start no connections, so no egress. */
  private interfaceEndpoint(name: string, service: ec2.IInterfaceVpcEndpointService): ec2.InterfaceVpcEndpoint {
    const securityGroup = new ec2.SecurityGroup(this, `${name}EndpointSecurityGroup`, {
      vpc: this.vpc,
      description: `${name} interface endpoint`,
      allowAllOutbound: false,
    });
    return this.vpc.addInterfaceEndpoint(name, {
      service,
      privateDnsEnabled: true,
      subnets: this.privateSubnets,
      securityGroups: [securityGroup],
      open: true,
    });
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
