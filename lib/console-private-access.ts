import { Aws, CfnCondition, Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import { Construct } from 'constructs';

/** The private hosted zones AWS recommends for Console Private Access (one for each name family). */
export const CONSOLE_ZONE = 'console.aws.amazon.com';
export const SIGNIN_ZONE = 'signin.aws.amazon.com';

/**
 * Condition keys that pin a console or sign-in endpoint policy to known accounts: the signed-in
 * principal's account or organization, and (sign-in, before credentials are checked) the account
 * signed in to.
 */
export const PINNING_CONDITION_KEYS = ['aws:PrincipalAccount', 'aws:PrincipalOrgID', 'aws:ResourceAccount', 'aws:ResourceOrgID'] as const;

export interface ConsolePrivateAccessProps {
  readonly vpc: ec2.IVpc;
  /** The private subnets the endpoints' network interfaces go in. */
  readonly subnets: ec2.SubnetSelection;
  /** The VPC's block (Client VPN sources its clients' traffic from its addresses in the VPC). */
  readonly vpcCidr: string;
  /** The VPN client block (config `network.vpnClientCidr`). */
  readonly vpnClientCidr: string;
  /**
   * An AWS Organizations id (`o-...`): the endpoints then admit every account of the organization
   * instead of this account only.
   * @default - this account only
   */
  readonly organizationId?: string;
  /**
   * Domains of the console's static content to serve through the `console-static` endpoint (a
   * private zone each, apex and `*.` records). AWS publishes them per Region in
   * `https://configuration.private-access.console.amazonaws.com/<region>.config.json`
   * (`consolePrivateIpv4DnsNames` of `com.amazonaws.<region>.console-static`); this construct does
   * not guess them.
   * @default []
   */
  readonly consoleStaticDomains?: readonly string[];
}

/**
 * AWS Management Console Private Access: people sign in to and use the console through this
 * VPC, never the internet, and only into this account (or organization), so nobody can sign in
 * to a personal AWS account from the coding network and copy charts there.
 *
 * Interface endpoints `com.amazonaws.<region>.console`, `.signin` and `.console-static` in the
 * private subnets, HTTPS from the VPC and the VPN range; private hosted zones
 * `console.aws.amazon.com` and `signin.aws.amazon.com` (resolved by the VPC resolver, which the
 * VPN hands to clients) with the documented records: `<region>.console.aws.amazon.com`,
 * `*.<region>.console.aws.amazon.com`, `<region>.signin.aws.amazon.com`, and, only when the stack
 * is deployed in us-east-1, the Region-less names `console.aws.amazon.com`,
 * `*.console.aws.amazon.com` and `signin.aws.amazon.com` (AWS serves those from us-east-1 only; an
 * environment-agnostic stack cannot create endpoints in another Region, so elsewhere they are left
 * out and the stack output `ConsoleRegionlessNames` says so).
 */
export class ConsolePrivateAccess extends Construct {
  public readonly console: ec2.InterfaceVpcEndpoint;
  public readonly signin: ec2.InterfaceVpcEndpoint;
  public readonly consoleStatic: ec2.InterfaceVpcEndpoint;
  /** Every endpoint of this construct, for policies that pin requests to this stack's endpoints. */
  public readonly endpoints: readonly ec2.InterfaceVpcEndpoint[];
  public readonly consoleZone: route53.PrivateHostedZone;
  public readonly signinZone: route53.PrivateHostedZone;
  public readonly securityGroup: ec2.SecurityGroup;
  /** True when deployed in us-east-1, where the Region-less names resolve to these endpoints. */
  public readonly inUsEast1: CfnCondition;

  constructor(scope: Construct, id: string, props: ConsolePrivateAccessProps) {
    super(scope, id);
    if (props.organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)) {
      throw new Error(`ConsolePrivateAccess: organizationId must look like o-xxxxxxxxxx, got ${JSON.stringify(props.organizationId)}`);
    }

    // Endpoints start no connections: ingress HTTPS only, no egress.
    this.securityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: props.vpc,
      description: 'Console, sign-in and console static content endpoints: HTTPS from the VPC and the VPN',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(props.vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC (Client VPN sources client traffic here)');
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(props.vpnClientCidr), ec2.Port.tcp(443), 'HTTPS from VPN clients');

    const endpoint = (name: string, service: ec2.IInterfaceVpcEndpointService) =>
      props.vpc.addInterfaceEndpoint(name, {
        service,
        // Console and sign-in have no private DNS of their own: the zones below carry their names.
        privateDnsEnabled: false,
        subnets: props.subnets,
        securityGroups: [this.securityGroup],
        open: false,
      });
    this.console = endpoint('Console', ec2.InterfaceVpcEndpointAwsService.MANAGEMENT_CONSOLE);
    this.signin = endpoint('Signin', ec2.InterfaceVpcEndpointAwsService.MANAGEMENT_CONSOLE_SIGNIN);
    this.consoleStatic = endpoint('ConsoleStatic', new ec2.InterfaceVpcEndpointService(`com.amazonaws.${Aws.REGION}.console-static`, 443));
    this.endpoints = [this.console, this.signin, this.consoleStatic];

    // Only this account (or organization) may be signed in to or used through these endpoints
    // (AWS's recommended policy: Principal, Action and Resource "*", pinned by condition).
    const principal: Record<string, string> =
      props.organizationId === undefined ? { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } : { 'aws:PrincipalOrgID': props.organizationId };
    const resource: Record<string, string> =
      props.organizationId === undefined ? { 'aws:ResourceAccount': Aws.ACCOUNT_ID } : { 'aws:ResourceOrgID': props.organizationId };
    const onlyOurs = (sid: string, actions: string[], conditions: Record<string, string>) =>
      new iam.PolicyStatement({ sid, principals: [new iam.StarPrincipal()], actions, resources: ['*'], conditions: { StringEquals: conditions } });
    this.console.addToPolicy(onlyOurs('OnlyThisAccountsSessions', ['*'], principal));
    this.signin.addToPolicy(onlyOurs('OnlyThisAccountsSessions', ['*'], principal));
    // Sign-in checks its policy before credentials too, when only the target account is known.
    this.signin.addToPolicy(onlyOurs('OnlySignInToThisAccount', ['signin:Authenticate'], resource));

    this.inUsEast1 = new CfnCondition(this, 'InUsEast1', { expression: Fn.conditionEquals(Aws.REGION, 'us-east-1') });

    this.consoleZone = new route53.PrivateHostedZone(this, 'ConsoleZone', { zoneName: CONSOLE_ZONE, vpc: props.vpc, comment: 'AWS Management Console Private Access' });
    this.signinZone = new route53.PrivateHostedZone(this, 'SigninZone', { zoneName: SIGNIN_ZONE, vpc: props.vpc, comment: 'AWS Management Console Private Access: sign-in' });
    const record = (id: string, zone: route53.IHostedZone, recordName: string, target: ec2.InterfaceVpcEndpoint, usEast1Only = false) => {
      const a = new route53.ARecord(this, id, {
        zone,
        recordName,
        target: route53.RecordTarget.fromAlias(new targets.InterfaceVpcEndpointTarget(target)),
      });
      if (usEast1Only) (a.node.defaultChild as route53.CfnRecordSet).cfnOptions.condition = this.inUsEast1;
      return a;
    };
    record('RegionalConsole', this.consoleZone, `${Aws.REGION}.${CONSOLE_ZONE}`, this.console);
    record('RegionalConsoleWildcard', this.consoleZone, `*.${Aws.REGION}.${CONSOLE_ZONE}`, this.console);
    record('RegionalSignin', this.signinZone, `${Aws.REGION}.${SIGNIN_ZONE}`, this.signin);
    record('Console', this.consoleZone, `${CONSOLE_ZONE}.`, this.console, true);
    record('ConsoleWildcard', this.consoleZone, `*.${CONSOLE_ZONE}`, this.console, true);
    record('Signin', this.signinZone, `${SIGNIN_ZONE}.`, this.signin, true);

    (props.consoleStaticDomains ?? []).forEach((domain, i) => {
      if (!/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw new Error(`ConsolePrivateAccess: consoleStaticDomains[${i}] is not a domain name: ${JSON.stringify(domain)}`);
      const zone = new route53.PrivateHostedZone(this, `StaticZone${i}`, { zoneName: domain, vpc: props.vpc, comment: 'AWS Management Console Private Access: static content' });
      record(`Static${i}`, zone, `${domain}.`, this.consoleStatic);
      record(`StaticWildcard${i}`, zone, `*.${domain}`, this.consoleStatic);
    });
  }
}
