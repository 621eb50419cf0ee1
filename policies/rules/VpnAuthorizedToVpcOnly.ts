import type { CfnResource } from 'aws-cdk-lib';
import { templateOf } from './resolve';
import type { CodingRule } from './rule';
import { beyondVpc } from './vpn';

/**
 * Passes when every Client VPN authorization rule, SAML group or certificate holders alike,
 * authorizes a network inside the endpoint's VPC: people reach AWS through the VPC's endpoints,
 * never anything beyond it.
 */
export const VpnAuthorizedToVpcOnly: CodingRule = {
  id: 'VpnAuthorizedToVpcOnly',
  info: 'A Client VPN authorization rule lets people reach a network beyond the VPC.',
  explanation:
    'Remote coders reach the VPC only: the console, sign-in and AWS APIs through its interface endpoints, never the internet, where a personal AWS ' +
    'account is one sign-in away. Authorize the VPC CIDR (or a block inside it) only, for SAML groups and certificate users alike; the target must ' +
    'be a literal CIDR and the endpoint and its VPC must be in the same stack so the rule can read them.',
  resourceTypes: ['AWS::EC2::ClientVpnAuthorizationRule'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType !== 'AWS::EC2::ClientVpnAuthorizationRule') return undefined;
    const rule = templateOf(node).properties;
    const problem = beyondVpc(node, rule.ClientVpnEndpointId, rule.TargetNetworkCidr, 'TargetNetworkCidr');
    return problem === undefined ? [] : [problem];
  },
};
