import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { VpnAuthorizedToVpcOnly } from '../../../policies/rules/VpnAuthorizedToVpcOnly';
import { cfn, newStack, TestType, validateStack } from './utils';
import { vpnEndpoint } from './vpn-fixtures';

describe('VpnAuthorizedToVpcOnly on raw template resources: exact problems', () => {
  function rule(target: unknown) {
    const stack = newStack();
    cfn(stack, 'Vpc', 'AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    cfn(stack, 'Vpn', 'AWS::EC2::ClientVpnEndpoint', { VpcId: { Ref: 'Vpc' } });
    return VpnAuthorizedToVpcOnly.evaluate(cfn(stack, 'Rule', 'AWS::EC2::ClientVpnAuthorizationRule', { ClientVpnEndpointId: { Ref: 'Vpn' }, TargetNetworkCidr: target }));
  }

  test('inside the VPC passes, anything else is named by TargetNetworkCidr', () => {
    expect(rule('10.20.0.0/16')).toEqual([]);
    expect(rule('10.20.8.0/24')).toEqual([]);
    expect(rule('0.0.0.0/0')).toEqual(['TargetNetworkCidr is 0.0.0.0/0: VPN users would reach the internet']);
    expect(rule('192.168.0.0/16')).toEqual(['TargetNetworkCidr 192.168.0.0/16 is beyond the VPC (10.20.0.0/16)']);
    expect(VpnAuthorizedToVpcOnly.evaluate(cfn(newStack(), 'Route', 'AWS::EC2::ClientVpnRoute', { TargetNetworkCidr: '0.0.0.0/0' }))).toBeUndefined();
  });
});

describe('VpnAuthorizedToVpcOnly: people are authorized to the VPC only, whatever the VPN authenticates with', () => {
  test('Noncompliance 1: a SAML group authorized to 0.0.0.0/0 (out through the NAT)', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack, 'saml');
    new ec2.CfnClientVpnAuthorizationRule(stack, 'Internet', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '0.0.0.0/0', accessGroupId: 'coders' });
    validateStack(stack, VpnAuthorizedToVpcOnly, TestType.NON_COMPLIANCE, /TargetNetworkCidr is 0\.0\.0\.0\/0: VPN users would reach the internet/);
  });

  test('Noncompliance 2: certificate holders authorized to a network beyond the VPC', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack);
    new ec2.CfnClientVpnAuthorizationRule(stack, 'Other', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.30.0.0/16', authorizeAllGroups: true });
    validateStack(stack, VpnAuthorizedToVpcOnly, TestType.NON_COMPLIANCE, /10\.30\.0\.0\/16 is beyond the VPC \(10\.20\.0\.0\/16\)/);
  });

  test('Noncompliance 3: a block wider than the VPC that contains it', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack, 'saml');
    new ec2.CfnClientVpnAuthorizationRule(stack, 'Wide', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.0.0.0/8', accessGroupId: 'coders' });
    validateStack(stack, VpnAuthorizedToVpcOnly, TestType.NON_COMPLIANCE, /10\.0\.0\.0\/8 is beyond the VPC/);
  });

  test('Noncompliance 4: the VPC cannot be read (imported by id): fails closed', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack, 'saml', 'vpc-0123456789abcdef0');
    new ec2.CfnClientVpnAuthorizationRule(stack, 'ToVpc', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.20.0.0/16', accessGroupId: 'coders' });
    validateStack(stack, VpnAuthorizedToVpcOnly, TestType.NON_COMPLIANCE, /VPC of the Client VPN endpoint cannot be read/);
  });

  test('Noncompliance 5: an endpoint of another stack', () => {
    const stack = newStack();
    new ec2.CfnClientVpnAuthorizationRule(stack, 'ToVpc', { clientVpnEndpointId: 'cvpn-endpoint-0123456789abcdef0', targetNetworkCidr: '10.20.0.0/16', accessGroupId: 'coders' });
    validateStack(stack, VpnAuthorizedToVpcOnly, TestType.NON_COMPLIANCE, /outside this stack/);
  });

  test('Compliance: a SAML group to the VPC', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack, 'saml');
    new ec2.CfnClientVpnAuthorizationRule(stack, 'ToVpc', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.20.0.0/16', accessGroupId: 'coders' });
    validateStack(stack, VpnAuthorizedToVpcOnly, TestType.COMPLIANCE);
  });

  test('Compliance: certificate holders to a subnet inside the VPC, and to a secondary block of it', () => {
    const stack = newStack();
    const vpn = vpnEndpoint(stack);
    new ec2.CfnVPCCidrBlock(stack, 'Secondary', { vpcId: vpn.vpcId!, cidrBlock: '100.64.0.0/16' });
    new ec2.CfnClientVpnAuthorizationRule(stack, 'ToSubnet', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '10.20.4.0/24', authorizeAllGroups: true });
    new ec2.CfnClientVpnAuthorizationRule(stack, 'ToSecondary', { clientVpnEndpointId: vpn.ref, targetNetworkCidr: '100.64.0.0/16', authorizeAllGroups: true });
    validateStack(stack, VpnAuthorizedToVpcOnly, TestType.COMPLIANCE);
  });
});
