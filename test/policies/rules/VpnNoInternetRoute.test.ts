import { aws_ec2 as ec2, CfnParameter } from 'aws-cdk-lib';
import { VpnNoInternetRoute } from '../../../policies/rules/VpnNoInternetRoute';
import { cfn, newStack, TestType, validateStack } from './utils';
import { vpnEndpoint } from './vpn-fixtures';

const route = (destinationCidrBlock: string) => ({ destinationCidrBlock, targetVpcSubnetId: 'subnet-0123456789abcdef0' });

describe('VpnNoInternetRoute on raw template resources: exact problems', () => {
  function route(destination: unknown) {
    const stack = newStack();
    cfn(stack, 'Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    cfn(stack, 'Vpn', 'AWS::EC2::ClientVpnEndpoint', { VpcId: { Ref: 'Vpc' } });
    return VpnNoInternetRoute.evaluate(cfn(stack, 'Route', 'AWS::EC2::ClientVpnRoute', { ClientVpnEndpointId: { Ref: 'Vpn' }, DestinationCidrBlock: destination }));
  }

  test('inside the VPC passes, anything else is named by DestinationCidrBlock', () => {
    expect(route('10.20.0.0/16')).toEqual([]);
    expect(route('0.0.0.0/0')).toEqual(['DestinationCidrBlock is 0.0.0.0/0: VPN users would reach the internet']);
    expect(route('172.16.0.0/12')).toEqual(['DestinationCidrBlock 172.16.0.0/12 is beyond the VPC (10.20.0.0/16)']);
    expect(VpnNoInternetRoute.evaluate(cfn(newStack(), 'Rule', 'AWS::EC2::ClientVpnAuthorizationRule', { DestinationCidrBlock: '0.0.0.0/0' }))).toBeUndefined();
  });
});

describe('VpnNoInternetRoute: no Client VPN route beyond the VPC', () => {
  test('Noncompliance 1: 0.0.0.0/0 through the private subnet (the NAT)', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack, 'saml');
    new ec2.CfnClientVpnRoute(stack, 'Internet', { clientVpnEndpointId: vpn.ref, ...route('0.0.0.0/0') });
    validateStack(stack, VpnNoInternetRoute, TestType.NON_COMPLIANCE, /DestinationCidrBlock is 0\.0\.0\.0\/0: VPN users would reach the internet/);
  });

  test('Noncompliance 2: ::/0', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack);
    new ec2.CfnClientVpnRoute(stack, 'Internet6', { clientVpnEndpointId: vpn.ref, ...route('::/0') });
    validateStack(stack, VpnNoInternetRoute, TestType.NON_COMPLIANCE, /::\/0: VPN users would reach the internet/);
  });

  test('Noncompliance 3: a public block (part of the internet)', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack);
    new ec2.CfnClientVpnRoute(stack, 'Public', { clientVpnEndpointId: vpn.ref, ...route('52.94.0.0/16') });
    validateStack(stack, VpnNoInternetRoute, TestType.NON_COMPLIANCE, /52\.94\.0\.0\/16 is beyond the VPC/);
  });

  test('Noncompliance 4: a destination that is not a literal CIDR fails closed', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack);
    const param = new CfnParameter(stack, 'Dest', { type: 'String' });
    new ec2.CfnClientVpnRoute(stack, 'Param', { clientVpnEndpointId: vpn.ref, ...route(param.valueAsString) });
    validateStack(stack, VpnNoInternetRoute, TestType.NON_COMPLIANCE, /not a literal CIDR/);
  });

  test('Compliance: a route to a block inside the VPC', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack, 'saml');
    new ec2.CfnClientVpnRoute(stack, 'Inside', { clientVpnEndpointId: vpn.ref, ...route('10.20.0.0/16') });
    validateStack(stack, VpnNoInternetRoute, TestType.COMPLIANCE);
  });
});
