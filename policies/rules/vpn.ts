import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { CfnResource } from 'aws-cdk-lib';
import { referencedLogicalId, resourcesInStack, type TemplateResource, templateOf } from './resolve';

/** The Client VPN endpoint of this stack a rule or route points at (`ClientVpnEndpointId: {Ref}`). */
export function clientVpnEndpointOf(node: CfnResource, endpointId: unknown): TemplateResource | undefined {
  const id = referencedLogicalId(endpointId);
  return resourcesInStack(node, 'AWS::EC2::ClientVpnEndpoint').map((e) => templateOf(e)).find((e) => e.logicalId === id);
}

/**
 * Every IPv4/IPv6 block of the VPC an endpoint is attached to (`CidrBlock` and any
 * `AWS::EC2::VPCCidrBlock`), literal values only; undefined when the VPC is not in this stack or
 * its primary block is not a literal (the rule then fails closed).
 */
export function vpcBlocksOf(node: CfnResource, vpcId: unknown): string[] | undefined {
  const id = referencedLogicalId(vpcId);
  const vpc = resourcesInStack(node, 'AWS::EC2::VPC').map((v) => templateOf(v)).find((v) => v.logicalId === id);
  if (vpc === undefined || typeof vpc.properties.CidrBlock !== 'string') return undefined;
  const secondary = resourcesInStack(node, 'AWS::EC2::VPCCidrBlock')
    .map((b) => templateOf(b).properties)
    .filter((b) => referencedLogicalId(b.VpcId) === id)
    .flatMap((b) => [b.CidrBlock, b.Ipv6CidrBlock].filter((c): c is string => typeof c === 'string'));
  return [vpc.properties.CidrBlock, ...secondary];
}

/** True when CIDR `inner` lies inside CIDR `outer` (same family). */
export function cidrWithin(inner: string, outer: string): boolean {
  const [address, bits] = inner.split('/');
  const [outerAddress, outerBits] = outer.split('/');
  const family = isIPv4(address) && isIPv4(outerAddress) ? 'ipv4' : isIPv6(address) && isIPv6(outerAddress) ? 'ipv6' : undefined;
  if (family === undefined || !/^\d+$/.test(bits ?? '') || !/^\d+$/.test(outerBits ?? '') || Number(bits) < Number(outerBits)) return false;
  const list = new BlockList();
  list.addSubnet(outerAddress, Number(outerBits), family);
  return list.check(address, family);
}

/**
 * Why `target` (a rule's or route's network) is not inside the VPC of the endpoint `endpointId`,
 * or undefined when it is. `what` names the field in messages.
 */
export function beyondVpc(node: CfnResource, endpointId: unknown, target: unknown, what: string): string | undefined {
  if (typeof target !== 'string' || !target.includes('/')) return `${what} is not a literal CIDR: ${JSON.stringify(target)}`;
  if (/\/0$/.test(target)) return `${what} is ${target}: VPN users would reach the internet`;
  const endpoint = clientVpnEndpointOf(node, endpointId);
  if (endpoint === undefined) return `${what} ${target} belongs to a Client VPN endpoint outside this stack`;
  const blocks = vpcBlocksOf(node, endpoint.properties.VpcId);
  if (blocks === undefined) return `the VPC of the Client VPN endpoint cannot be read (not in this stack, or its CidrBlock is not a literal)`;
  return blocks.some((block) => cidrWithin(target, block)) ? undefined : `${what} ${target} is beyond the VPC (${blocks.join(', ')})`;
}
