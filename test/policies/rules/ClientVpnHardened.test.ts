import { aws_ec2 as ec2, aws_logs as logs, type Stack } from 'aws-cdk-lib';
import { ClientVpnHardened } from '../../../policies/rules/ClientVpnHardened';
import { newStack, TestType, validateStack } from './utils';

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
