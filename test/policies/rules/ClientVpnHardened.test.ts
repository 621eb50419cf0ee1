import { aws_ec2 as ec2, aws_logs as logs, type Stack } from 'aws-cdk-lib';
import { ClientVpnHardened } from '../../../policies/rules/ClientVpnHardened';
import { cfn, newStack, TestType, validateStack } from './utils';

const SERVER_CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/server';
const CLIENT_ROOT = 'arn:aws:acm:us-east-1:111122223333:certificate/client-root';
const SAML = 'arn:aws:iam::111122223333:saml-provider/idp';

/** GIVEN a hardened endpoint on a 10.20.0.0/16 VPC, with overrides. */
function endpoint(stack: Stack, overrides: Partial<ec2.CfnClientVpnEndpointProps> = {}): ec2.CfnClientVpnEndpoint {
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.20.0.0/16' });
  const group = new logs.LogGroup(stack, 'VpnLogs', { retention: logs.RetentionDays.SIX_YEARS });
  return new ec2.CfnClientVpnEndpoint(stack, 'Vpn', {
    clientCidrBlock: '10.100.0.0/22',
    serverCertificateArn: SERVER_CERT,
    authenticationOptions: [{ type: 'certificate-authentication', mutualAuthentication: { clientRootCertificateChainArn: CLIENT_ROOT } }],
    connectionLogOptions: { enabled: true, cloudwatchLogGroup: group.logGroupName },
    splitTunnel: false,
    clientLoginBannerOptions: { enabled: true, bannerText: 'Authorized use only. Activity is logged.' },
    sessionTimeoutHours: 12,
    vpcId: vpc.ref,
    ...overrides,
  });
}

describe('ClientVpnHardened on raw template resources: exact problems', () => {
  const HARDENED = {
    ConnectionLogOptions: { Enabled: true },
    SplitTunnel: false,
    ClientLoginBannerOptions: { Enabled: true, BannerText: 'Authorized use only.' },
    SessionTimeoutHours: 12,
  };
  const endpointProblems = (properties: Record<string, unknown>) => ClientVpnHardened.evaluate(cfn(newStack(), 'Vpn', 'AWS::EC2::ClientVpnEndpoint', properties));

  test('a hardened endpoint passes; 8 hours and "true" strings too', () => {
    expect(endpointProblems(HARDENED)).toEqual([]);
    expect(endpointProblems({ ...HARDENED, SessionTimeoutHours: 8, ConnectionLogOptions: { Enabled: 'true' }, SplitTunnel: 'false' })).toEqual([]);
  });

  test('each weakening is named', () => {
    expect(endpointProblems({ ...HARDENED, SessionTimeoutHours: 13 })).toEqual(['SessionTimeoutHours is 13, above 12']);
    expect(endpointProblems({ ...HARDENED, SplitTunnel: 'TRUE' })).toEqual(['SplitTunnel is true']);
    expect(endpointProblems({ ...HARDENED, ConnectionLogOptions: { Enabled: false } })).toEqual(['ConnectionLogOptions.Enabled is not true']);
    expect(endpointProblems({ ...HARDENED, ClientLoginBannerOptions: { Enabled: true, BannerText: '   ' } })).toEqual(['no login banner with text']);
    expect(endpointProblems({ ...HARDENED, ClientLoginBannerOptions: { Enabled: false, BannerText: 'Authorized use only.' } })).toEqual(['no login banner with text']);
    expect(endpointProblems({ ...HARDENED, ClientLoginBannerOptions: { Enabled: true, BannerText: { Ref: 'Text' } } })).toEqual(['no login banner with text']);
    expect(endpointProblems({})).toEqual([
      'ConnectionLogOptions.Enabled is not true',
      'no login banner with text',
      'SessionTimeoutHours is unset (24), above 12',
    ]);
  });

  function authorization(rule: Record<string, unknown>, endpoint: Record<string, unknown> | undefined, vpc: Record<string, unknown> = { CidrBlock: '10.20.0.0/16' }) {
    const stack = newStack();
    cfn(stack, 'Vpc', 'AWS::EC2::VPC', vpc);
    if (endpoint) cfn(stack, 'Vpn', 'AWS::EC2::ClientVpnEndpoint', { ...HARDENED, VpcId: { Ref: 'Vpc' }, ...endpoint });
    return ClientVpnHardened.evaluate(cfn(stack, 'Rule', 'AWS::EC2::ClientVpnAuthorizationRule', { ClientVpnEndpointId: { Ref: 'Vpn' }, ...rule }));
  }
  const MTLS = { AuthenticationOptions: [{ Type: 'certificate-authentication' }] };

  test('authorization rules: an AccessGroupId, or all groups to the VPC on a mutual-TLS endpoint', () => {
    expect(authorization({ AccessGroupId: 'coders', TargetNetworkCidr: '0.0.0.0/0' }, MTLS)).toEqual([]);
    expect(authorization({ TargetNetworkCidr: '10.20.0.0/16' }, MTLS)).toEqual(['neither AccessGroupId nor AuthorizeAllGroups']);
    expect(authorization({ AuthorizeAllGroups: 'false', TargetNetworkCidr: '10.20.0.0/16' }, MTLS)).toEqual(['neither AccessGroupId nor AuthorizeAllGroups']);
    expect(authorization({ AuthorizeAllGroups: true, TargetNetworkCidr: '10.20.0.0/16' }, MTLS)).toEqual([]);
    expect(authorization({ AuthorizeAllGroups: 'true', TargetNetworkCidr: '10.20.3.0/24' }, MTLS)).toEqual([]);
  });

  test('authorization rules authorizing all groups: each failure named', () => {
    const all = (target: unknown) => ({ AuthorizeAllGroups: true, TargetNetworkCidr: target });
    expect(authorization(all('10.20.0.0/16'), undefined)).toEqual(['AuthorizeAllGroups on an endpoint outside this stack']);
    const userAuth = 'AuthorizeAllGroups on an endpoint that authenticates users (SAML/directory): authorize an AccessGroupId instead';
    expect(authorization(all('10.20.0.0/16'), { AuthenticationOptions: [{ Type: 'federated-authentication' }] })).toEqual([userAuth]);
    expect(authorization(all('10.20.0.0/16'), { AuthenticationOptions: [{ Type: 'certificate-authentication' }, { Type: 'directory-service-authentication' }] })).toEqual([userAuth]);
    expect(authorization(all('10.20.0.0/16'), { AuthenticationOptions: [] })).toEqual([userAuth]);
    expect(authorization(all('10.20.0.0/16'), { AuthenticationOptions: { Type: 'certificate-authentication' } })).toEqual([]);
    expect(authorization(all('0.0.0.0/0'), MTLS)).toEqual(['AuthorizeAllGroups to "0.0.0.0/0": authorize the VPC CIDR only']);
    expect(authorization(all({ Ref: 'Cidr' }), MTLS)).toEqual(['AuthorizeAllGroups to {"Ref":"Cidr"}: authorize the VPC CIDR only']);
    expect(authorization(all('192.168.0.0/24'), MTLS)).toEqual(['AuthorizeAllGroups to 192.168.0.0/24, outside the VPC 10.20.0.0/16']);
    expect(authorization(all('10.0.0.0/8'), MTLS)).toEqual(['AuthorizeAllGroups to 10.0.0.0/8, outside the VPC 10.20.0.0/16']);
    expect(authorization(all('2600:1f18::/64'), MTLS)).toEqual(['AuthorizeAllGroups to 2600:1f18::/64, outside the VPC 10.20.0.0/16']);
    // A VPC without a literal block: VpnAuthorizedToVpcOnly fails it; this rule has nothing to compare.
    expect(authorization(all('10.20.0.0/16'), MTLS, { Ipv4IpamPoolId: 'pool' })).toEqual([]);
    expect(authorization(all('10.20.0.0/16'), { ...MTLS, VpcId: 'vpc-0123456789abcdef0' })).toEqual([]);
    // A block whose address lies in the VPC but whose prefix is wider reaches beyond it.
    expect(authorization(all('10.20.0.0/8'), MTLS)).toEqual(['AuthorizeAllGroups to 10.20.0.0/8, outside the VPC 10.20.0.0/16']);
    expect(authorization(all('10.20.0.0/16'), MTLS, { CidrBlock: 'not-a-cidr/16' })).toEqual(['AuthorizeAllGroups to 10.20.0.0/16, outside the VPC not-a-cidr/16']);
  });

  test('authorization rules are judged by the endpoint they name, among several', () => {
    const stack = newStack();
    cfn(stack, 'Other', 'AWS::EC2::VPC', { CidrBlock: '172.16.0.0/16' });
    cfn(stack, 'Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    cfn(stack, 'Saml', 'AWS::EC2::ClientVpnEndpoint', { ...HARDENED, VpcId: { Ref: 'Vpc' }, AuthenticationOptions: [{ Type: 'federated-authentication' }] });
    cfn(stack, 'Vpn', 'AWS::EC2::ClientVpnEndpoint', { ...HARDENED, VpcId: { Ref: 'Vpc' }, AuthenticationOptions: ['junk', { Type: 'certificate-authentication' }] });
    const rule = (id: string, endpoint: string) =>
      ClientVpnHardened.evaluate(
        cfn(stack, id, 'AWS::EC2::ClientVpnAuthorizationRule', { ClientVpnEndpointId: { Ref: endpoint }, AuthorizeAllGroups: true, TargetNetworkCidr: '10.20.0.0/16' }),
      );
    expect(rule('OnVpn', 'Vpn')).toEqual([]);
    expect(rule('OnSaml', 'Saml')).toEqual(['AuthorizeAllGroups on an endpoint that authenticates users (SAML/directory): authorize an AccessGroupId instead']);
    expect(rule('OnGone', 'Gone')).toEqual(['AuthorizeAllGroups on an endpoint outside this stack']);
  });

  test('other resource types are not applicable', () => {
    expect(ClientVpnHardened.evaluate(cfn(newStack(), 'R', 'AWS::EC2::ClientVpnRoute', { SplitTunnel: true }))).toBeUndefined();
  });
});

describe('ClientVpnHardened: logged, full-tunnel, bannered, 12-hour sessions, authorized to the VPC only', () => {
  test('Noncompliance 1: split tunnel enabled', () => {
    const stack = newStack();
    endpoint(stack, { splitTunnel: true });
    validateStack(stack, ClientVpnHardened, TestType.NON_COMPLIANCE, /SplitTunnel is true/);
  });

  test('Noncompliance 2: connection logging off', () => {
    const stack = newStack();
    endpoint(stack, { connectionLogOptions: { enabled: false } });
    validateStack(stack, ClientVpnHardened, TestType.NON_COMPLIANCE, /ConnectionLogOptions/);
  });

  test('Noncompliance 3: no banner text', () => {
    const stack = newStack();
    endpoint(stack, { clientLoginBannerOptions: { enabled: true } });
    validateStack(stack, ClientVpnHardened, TestType.NON_COMPLIANCE, /login banner/);
  });

  test('Noncompliance 4: the 24-hour default session', () => {
    const stack = newStack();
    endpoint(stack, { sessionTimeoutHours: undefined });
    validateStack(stack, ClientVpnHardened, TestType.NON_COMPLIANCE, /SessionTimeoutHours is unset \(24\)/);
  });

  test('Noncompliance 5: mutual TLS authorizing everyone to 0.0.0.0/0', () => {
    const stack = newStack();
    const vpn = endpoint(stack);
    new ec2.CfnClientVpnAuthorizationRule(stack, 'All', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '0.0.0.0/0', authorizeAllGroups: true });
    validateStack(stack, ClientVpnHardened, TestType.NON_COMPLIANCE, /authorize the VPC CIDR only/);
  });

  test('Noncompliance 6: mutual TLS authorizing everyone beyond the VPC', () => {
    const stack = newStack();
    const vpn = endpoint(stack);
    new ec2.CfnClientVpnAuthorizationRule(stack, 'Other', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.30.0.0/16', authorizeAllGroups: true });
    validateStack(stack, ClientVpnHardened, TestType.NON_COMPLIANCE, /outside the VPC 10.20.0.0\/16/);
  });

  test('Noncompliance 7: SAML endpoint authorizing all groups', () => {
    const stack = newStack();
    const vpn = endpoint(stack, { authenticationOptions: [{ type: 'federated-authentication', federatedAuthentication: { samlProviderArn: SAML } }] });
    new ec2.CfnClientVpnAuthorizationRule(stack, 'All', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.20.0.0/16', authorizeAllGroups: true });
    validateStack(stack, ClientVpnHardened, TestType.NON_COMPLIANCE, /authorize an AccessGroupId/);
  });

  test('Compliance: mutual TLS, every certificate holder to the VPC only', () => {
    const stack = newStack();
    const vpn = endpoint(stack);
    new ec2.CfnClientVpnAuthorizationRule(stack, 'ToVpc', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.20.0.0/16', authorizeAllGroups: true });
    validateStack(stack, ClientVpnHardened, TestType.COMPLIANCE);
  });

  test('Compliance: SAML, one IdP group to the VPC', () => {
    const stack = newStack();
    const vpn = endpoint(stack, { authenticationOptions: [{ type: 'federated-authentication', federatedAuthentication: { samlProviderArn: SAML } }] });
    new ec2.CfnClientVpnAuthorizationRule(stack, 'Coders', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.20.0.0/16', accessGroupId: 'vpn-coders' });
    validateStack(stack, ClientVpnHardened, TestType.COMPLIANCE);
  });
});
