import type { CfnResource } from 'aws-cdk-lib';
import { templateOf } from './resolve';
import type { CodingRule } from './rule';
import { beyondVpc } from './vpn';

/**
 * Passes when every Client VPN route leads into the endpoint's VPC: no route to 0.0.0.0/0 (out
 * through a NAT or internet gateway) or to any other network beyond the VPC.
 */
export const VpnNoInternetRoute: CodingRule = {
  id: 'VpnNoInternetRoute',
  info: 'A Client VPN route leads people beyond the VPC (0.0.0.0/0 or another network): the VPN becomes a way to the internet.',
  explanation:
    'With a route to 0.0.0.0/0 a full-tunnel VPN leads anywhere on the internet through the VPC, including the sign-in page of a personal AWS ' +
    'account. Remove AWS::EC2::ClientVpnRoute resources beyond the VPC (Client VPN adds the route to the VPC itself with each association) and ' +
    'reach the console through AWS Management Console Private Access endpoints instead.',
  resourceTypes: ['AWS::EC2::ClientVpnRoute'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType !== 'AWS::EC2::ClientVpnRoute') return undefined;
    const route = templateOf(node).properties;
    const problem = beyondVpc(node, route.ClientVpnEndpointId, route.DestinationCidrBlock, 'DestinationCidrBlock');
    return problem === undefined ? [] : [problem];
  },
};
