import { BlockList, isIPv4 } from 'node:net';
import type { CfnResource } from 'aws-cdk-lib';
import { asList, isObject, isTrue, type JsonObject, literalNumber, referencedLogicalId, resourcesInStack, templateOf } from './resolve';
import type { CodingRule } from './rule';

export const MAX_VPN_SESSION_HOURS = 12;

/**
 * Passes when a Client VPN endpoint logs connections, is full tunnel, shows a login banner and
 * ends sessions within 12 hours, and an authorization rule authorizes all groups only for a
 * mutual-TLS endpoint and only to a network that is not 0.0.0.0/0 (the VPC).
 */
export const ClientVpnHardened: CodingRule = {
  id: 'ClientVpnHardened',
  info: 'The Client VPN is weakened: connection logging off, split tunnel on, no login banner, sessions over 12 hours, or all users authorized beyond the VPC.',
  explanation:
    'Remote coders reach PHI only through a logged, full-tunnel VPN. Use CfnClientVpnEndpoint with ConnectionLogOptions enabled, SplitTunnel false, ' +
    'ClientLoginBannerOptions enabled with text, SessionTimeoutHours 8-12; authorize SAML users per AccessGroupId. AuthorizeAllGroups is accepted only ' +
    'for certificate (mutual TLS) authentication, which CloudFormation requires, and only to the VPC CIDR.',
  resourceTypes: ['AWS::EC2::ClientVpnEndpoint', 'AWS::EC2::ClientVpnAuthorizationRule'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType === 'AWS::EC2::ClientVpnEndpoint') return endpointProblems(templateOf(node).properties);
    if (node.cfnResourceType === 'AWS::EC2::ClientVpnAuthorizationRule') return authorizationProblems(node);
    return undefined;
  },
};

function endpointProblems(endpoint: JsonObject): string[] {
  const problems: string[] = [];
  const logs = isObject(endpoint.ConnectionLogOptions) ? endpoint.ConnectionLogOptions : {};
  if (!isTrue(logs.Enabled)) problems.push('ConnectionLogOptions.Enabled is not true');
  if (isTrue(endpoint.SplitTunnel)) problems.push('SplitTunnel is true');
  const banner = isObject(endpoint.ClientLoginBannerOptions) ? endpoint.ClientLoginBannerOptions : {};
  if (!isTrue(banner.Enabled) || typeof banner.BannerText !== 'string' || banner.BannerText.trim() === '') problems.push('no login banner with text');
  // Unset means the 24-hour default.
  const hours = literalNumber(endpoint.SessionTimeoutHours);
  if (hours === undefined || hours > MAX_VPN_SESSION_HOURS) problems.push(`SessionTimeoutHours is ${hours ?? 'unset (24)'}, above ${MAX_VPN_SESSION_HOURS}`);
  return problems;
}

function authorizationProblems(node: CfnResource): string[] {
  const rule = templateOf(node).properties;
  if (!isTrue(rule.AuthorizeAllGroups)) return rule.AccessGroupId === undefined ? ['neither AccessGroupId nor AuthorizeAllGroups'] : [];
  const endpointId = referencedLogicalId(rule.ClientVpnEndpointId);
  const endpoint = resourcesInStack(node, 'AWS::EC2::ClientVpnEndpoint').map((e) => templateOf(e)).find((e) => e.logicalId === endpointId);
  if (!endpoint) return ['AuthorizeAllGroups on an endpoint outside this stack'];
  const auth = asList(endpoint.properties.AuthenticationOptions).filter(isObject);
  const mutualTls = auth.length > 0 && auth.every((a) => a.Type === 'certificate-authentication');
  if (!mutualTls) return ['AuthorizeAllGroups on an endpoint that authenticates users (SAML/directory): authorize an AccessGroupId instead'];
  const target = rule.TargetNetworkCidr;
  if (typeof target !== 'string' || target.endsWith('/0')) return [`AuthorizeAllGroups to ${JSON.stringify(target)}: authorize the VPC CIDR only`];
  const vpcCidr = vpcCidrOf(node, endpoint.properties.VpcId);
  if (vpcCidr !== undefined && !within(target, vpcCidr)) return [`AuthorizeAllGroups to ${target}, outside the VPC ${vpcCidr}`];
  return [];
}

function vpcCidrOf(node: CfnResource, vpcId: unknown): string | undefined {
  const id = referencedLogicalId(vpcId);
  const vpc = resourcesInStack(node, 'AWS::EC2::VPC').map((v) => templateOf(v)).find((v) => v.logicalId === id);
  return typeof vpc?.properties.CidrBlock === 'string' ? vpc.properties.CidrBlock : undefined;
}

/** True when CIDR `inner` lies inside CIDR `outer` (IPv4). */
function within(inner: string, outer: string): boolean {
  const [address, bits] = inner.split('/');
  const [outerAddress, outerBits] = outer.split('/');
  if (!isIPv4(address) || !isIPv4(outerAddress) || Number(bits) < Number(outerBits)) return false;
  const list = new BlockList();
  list.addSubnet(outerAddress, Number(outerBits), 'ipv4');
  return list.check(address, 'ipv4');
}
