import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { VpnConfig } from './config/schema';
import { SixYearLogGroup } from './six-year-log-group';

/** Shown before every connection (max 1400 characters). */
export const VPN_LOGIN_BANNER =
  'Authorized use only. This network carries protected health information (PHI) and is for ' +
  'authorized HIPAA work only. All access and activity is logged and monitored; by connecting you ' +
  'consent to this monitoring. Unauthorized use may lead to disciplinary action and legal penalties.';

export interface ClientVpnProps {
  /** The VPC the endpoint is attached to. */
  readonly vpc: ec2.IVpc;
  /** The VPC's IPv4 block: the only network VPN clients are authorized to reach. */
  readonly vpcCidr: string;
  /** Subnets the endpoint is associated with (the private subnets). */
  readonly subnets: ec2.SubnetSelection;
  /** Address block handed to VPN clients (config `network.vpnClientCidr`). */
  readonly clientCidr: string;
  /** Authentication: mutual TLS or SAML (config `network.vpn`). */
  readonly vpn: VpnConfig;
  /** DNS servers pushed to clients; include the VPC resolver so private endpoint names resolve. */
  readonly dnsServers: readonly string[];
  /** Key encrypting the connection log group. */
  readonly logsKey: kms.IKey;
  /**
   * Hours after which a session ends and the user must authenticate again (8, 10, 12 or 24 on AWS; we allow at most 12).
   * @default 8
   */
  readonly sessionTimeoutHours?: 8 | 10 | 12;
}

/**
 * AWS Client VPN, full tunnel (45 CFR 164.312(e)(1)): every client packet goes through the
 * VPC, connections are logged six years, sessions end after a working day. Either way people
 * are authorized to the VPC CIDR only and there is no route beyond it: the AWS console, sign-in
 * and APIs are reached through the VPC's endpoints (lib/console-private-access.ts), never the
 * internet. With SAML only the configured IdP group is authorized; with mutual TLS every
 * certificate holder is (Client VPN has no groups for certificates).
 */
export class ClientVpn extends Construct {
  public readonly endpoint: ec2.CfnClientVpnEndpoint;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ClientVpnProps) {
    super(scope, id);
    const sessionTimeoutHours = props.sessionTimeoutHours ?? 8;
    if (![8, 10, 12].includes(sessionTimeoutHours)) {
      throw new Error(`ClientVpn: sessionTimeoutHours must be 8, 10 or 12, got ${sessionTimeoutHours}`);
    }
    if (props.dnsServers.length === 0 || props.dnsServers.length > 2) {
      throw new Error(`ClientVpn: dnsServers must list one or two servers, got ${props.dnsServers.length}`);
    }

    this.logGroup = new SixYearLogGroup(this, 'ConnectionLogs', { encryptionKey: props.logsKey });
    const logStream = this.logGroup.addStream('Connections');

    // Traffic from clients leaves the endpoint only toward the VPC.
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Client VPN endpoint: clients reach the VPC only',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.vpcCidr), ec2.Port.allTraffic(), 'VPN clients to the VPC');

    this.endpoint = new ec2.CfnClientVpnEndpoint(this, 'Endpoint', {
      description: 'Coding environment: full-tunnel remote access',
      clientCidrBlock: props.clientCidr,
      serverCertificateArn: props.vpn.serverCertificateArn,
      authenticationOptions: [authenticationOf(props.vpn)],
      connectionLogOptions: {
        enabled: true,
        cloudwatchLogGroup: this.logGroup.logGroupName,
        cloudwatchLogStream: logStream.logStreamName,
      },
      splitTunnel: false,
      clientRouteEnforcementOptions: { enforced: true },
      sessionTimeoutHours,
      disconnectOnSessionTimeout: true,
      clientLoginBannerOptions: { enabled: true, bannerText: VPN_LOGIN_BANNER },
      dnsServers: [...props.dnsServers],
      vpcId: props.vpc.vpcId,
      securityGroupIds: [this.securityGroup.securityGroupId],
      selfServicePortal: 'disabled',
      transportProtocol: 'udp',
      vpnPort: 443,
    });

    // No route beyond the VPC (Client VPN adds the VPC's own route with each association): people
    // cannot reach the internet, or a personal AWS account, from the coding network.
    const subnets = props.vpc.selectSubnets(props.subnets).subnets;
    subnets.forEach(
      (subnet, i) =>
        new ec2.CfnClientVpnTargetNetworkAssociation(this, `Association${i}`, {
          clientVpnEndpointId: this.endpoint.ref,
          subnetId: subnet.subnetId,
        }),
    );

    new ec2.CfnClientVpnAuthorizationRule(this, 'AuthorizeVpc', {
      clientVpnEndpointId: this.endpoint.ref,
      targetNetworkCidr: props.vpcCidr,
      description: 'VPN users reach the VPC only',
      ...authorizationOf(props.vpn),
    });
  }
}

function isSaml(vpn: VpnConfig): vpn is Extract<VpnConfig, { samlProviderArn: string }> {
  return 'samlProviderArn' in vpn;
}

function authenticationOf(vpn: VpnConfig): ec2.CfnClientVpnEndpoint.ClientAuthenticationRequestProperty {
  return isSaml(vpn)
    ? { type: 'federated-authentication', federatedAuthentication: { samlProviderArn: vpn.samlProviderArn } }
    : { type: 'certificate-authentication', mutualAuthentication: { clientRootCertificateChainArn: vpn.clientRootCertificateArn } };
}

/**
 * SAML: the configured IdP group only. Mutual TLS: certificates carry no group, so Client VPN
 * requires authorizing all of them (CONTRACT §1); the rule's CIDR keeps them inside the VPC.
 */
function authorizationOf(vpn: VpnConfig): Pick<ec2.CfnClientVpnAuthorizationRuleProps, 'accessGroupId' | 'authorizeAllGroups'> {
  return isSaml(vpn) ? { accessGroupId: vpn.accessGroupId } : { authorizeAllGroups: true };
}
