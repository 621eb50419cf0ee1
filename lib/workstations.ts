import { Stack } from 'aws-cdk-lib';
import * as appstream from 'aws-cdk-lib/aws-appstream';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** What a person may not carry between their device and the workstation (minimum necessary). */
export const DISABLED_USER_ACTIONS = [
  'CLIPBOARD_COPY_FROM_LOCAL_DEVICE',
  'CLIPBOARD_COPY_TO_LOCAL_DEVICE',
  'FILE_UPLOAD',
  'FILE_DOWNLOAD',
  'PRINTING_TO_LOCAL_DEVICE',
] as const;

/** Automatic logoff after 15 idle minutes (45 CFR 164.312(a)(2)(iii)). */
export const IDLE_DISCONNECT_SECONDS = 900;

export interface WorkstationsProps {
  readonly vpc: ec2.IVpc;
  /** The private subnets the fleet runs in. */
  readonly subnets: ec2.SubnetSelection;
  /** The AppStream streaming interface endpoint: the only path for streaming. */
  readonly streamingEndpoint: ec2.InterfaceVpcEndpoint;
  /** The VPN client block: coders stream from here. */
  readonly vpnClientCidr: string;
  /** The VPC block (Client VPN sources client traffic from its addresses in the VPC). */
  readonly vpcCidr: string;
  /** The region's S3 prefix list id: the fleet reaches S3 (PHI) through the gateway endpoint. */
  readonly s3PrefixListId: string;
  /** AppStream image name. */
  readonly imageName: string;
  /** AppStream instance type, e.g. `stream.standard.medium`. */
  readonly instanceType: string;
  /** Most concurrent sessions (one user per instance). */
  readonly maxSessions: number;
  /**
   * Seconds a disconnected session is kept for reconnecting (60-360000).
   * @default 60
   */
  readonly disconnectTimeoutSeconds?: number;
  /**
   * Longest session, in seconds.
   * @default 28800 (8 hours, like a VPN session)
   */
  readonly maxUserDurationSeconds?: number;
}

/**
 * AppStream 2.0 workstations: PHI is viewed on streamed desktops in the private subnets, never
 * copied to the person's device; idle sessions end after 15 minutes; streaming goes only
 * through the VPC endpoint; the fleet has no internet access.
 */
export class Workstations extends Construct {
  public readonly fleet: appstream.CfnFleet;
  public readonly stack: appstream.CfnStack;
  public readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: WorkstationsProps) {
    super(scope, id);
    const disconnectTimeoutInSeconds = props.disconnectTimeoutSeconds ?? 60;
    if (disconnectTimeoutInSeconds < 60 || disconnectTimeoutInSeconds > 360000) {
      throw new Error(`Workstations: disconnectTimeoutSeconds must be 60-360000, got ${disconnectTimeoutInSeconds}`);
    }
    const name = `${Stack.of(this).stackName}-workstations`;

    // The endpoint already admits HTTPS from the VPC (which is where Client VPN sources its
    // clients' traffic); add the streaming ports and the VPN client block itself.
    const endpoint = props.streamingEndpoint.connections;
    endpoint.allowFrom(ec2.Peer.ipv4(props.vpnClientCidr), ec2.Port.tcp(443), 'AppStream streaming from VPN clients (HTTPS)');
    endpoint.allowFrom(ec2.Peer.ipv4(props.vpnClientCidr), ec2.Port.tcpRange(1400, 1499), 'AppStream streaming from VPN clients');
    endpoint.allowFrom(ec2.Peer.ipv4(props.vpcCidr), ec2.Port.tcpRange(1400, 1499), 'AppStream streaming through Client VPN');

    // Egress only to the VPC's interface endpoints and S3 (via the gateway endpoint): no path to the internet.
    this.securityGroup = new ec2.SecurityGroup(this, 'FleetSecurityGroup', {
      vpc: props.vpc,
      description: 'AppStream fleet: HTTPS to VPC endpoints and S3 only',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpcCidr), ec2.Port.tcp(443), 'VPC interface endpoints');
    this.securityGroup.addEgressRule(ec2.Peer.prefixList(props.s3PrefixListId), ec2.Port.tcp(443), 'S3 through the gateway endpoint');

    const subnetIds = props.vpc.selectSubnets(props.subnets).subnetIds;
    this.fleet = new appstream.CfnFleet(this, 'Fleet', {
      name,
      description: 'Coding workstations',
      fleetType: 'ON_DEMAND',
      imageName: props.imageName,
      instanceType: props.instanceType,
      computeCapacity: { desiredInstances: props.maxSessions },
      vpcConfig: { subnetIds, securityGroupIds: [this.securityGroup.securityGroupId] },
      enableDefaultInternetAccess: false,
      idleDisconnectTimeoutInSeconds: IDLE_DISCONNECT_SECONDS,
      disconnectTimeoutInSeconds,
      maxUserDurationInSeconds: props.maxUserDurationSeconds ?? 28800,
      streamView: 'DESKTOP',
    });

    this.stack = new appstream.CfnStack(this, 'Stack', {
      name,
      description: 'Coding workstations: no clipboard, file transfer or local printing',
      userSettings: DISABLED_USER_ACTIONS.map((action) => ({ action, permission: 'DISABLED' })),
      accessEndpoints: [{ endpointType: 'STREAMING', vpceId: props.streamingEndpoint.vpcEndpointId }],
      applicationSettings: { enabled: false },
    });

    // The association names the fleet and stack rather than referencing them.
    const association = new appstream.CfnStackFleetAssociation(this, 'Association', {
      fleetName: name,
      stackName: name,
    });
    association.node.addDependency(this.fleet, this.stack);
  }
}
