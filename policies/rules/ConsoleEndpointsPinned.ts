import type { CfnResource } from 'aws-cdk-lib';
import { conditionValues, statementsOf } from './iam';
import { flatten, isObject, templateOf } from './resolve';
import type { CodingRule } from './rule';

/** Service names (after the Region) of the endpoints people sign in and use the console through. */
export const CONSOLE_SERVICES = ['console', 'signin', 'signin-v2'] as const;

const ACCOUNT_KEYS = ['aws:PrincipalAccount', 'aws:ResourceAccount'];
const ORG_KEYS = ['aws:PrincipalOrgID', 'aws:ResourceOrgID'];

/** This stack's account, or a literal 12-digit account id. */
function isAccount(value: unknown): boolean {
  const flat = flatten(value);
  return flat === '<AWS::AccountId>' || /^\d{12}$/.test(flat);
}

function isOrganization(value: unknown): boolean {
  return typeof value === 'string' && /^o-[a-z0-9]{10,32}$/.test(value);
}

/** The console/sign-in service an endpoint connects to, or undefined for other endpoints. */
export function consoleServiceOf(serviceName: unknown): string | undefined {
  const flat = flatten(serviceName);
  return CONSOLE_SERVICES.find((s) => flat.endsWith(`.${s}`));
}

/**
 * Passes when a console or sign-in interface endpoint has a policy whose every Allow is pinned
 * by StringEquals on aws:PrincipalAccount / aws:ResourceAccount (this account or literal ids) or
 * aws:PrincipalOrgID / aws:ResourceOrgID (literal organization ids).
 */
export const ConsoleEndpointsPinned: CodingRule = {
  id: 'ConsoleEndpointsPinned',
  info: 'A console or sign-in VPC endpoint lets people sign in to any AWS account (no endpoint policy, or an Allow not pinned to our account or organization).',
  explanation:
    'Without a pinned endpoint policy anyone on the coding network can sign in to a personal AWS account through the private console and copy ' +
    'charts there. Give the com.amazonaws.<region>.console and .signin endpoints a policy whose every Allow statement has a StringEquals condition on ' +
    'aws:PrincipalAccount or aws:ResourceAccount (this account) or aws:PrincipalOrgID or aws:ResourceOrgID (your organization), with no wildcards.',
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType !== 'AWS::EC2::VPCEndpoint') return undefined;
    const endpoint = templateOf(node).properties;
    const service = consoleServiceOf(endpoint.ServiceName);
    if (service === undefined) return undefined;
    if (!isObject(endpoint.PolicyDocument)) return [`the ${service} endpoint has no PolicyDocument: the default policy admits every account`];
    const statements = statementsOf(endpoint.PolicyDocument);
    const allows = statements.filter((s) => s.effect === 'Allow');
    if (allows.length === 0) return [`the ${service} endpoint's policy allows nothing`];
    const problems: string[] = [];
    allows.forEach((s) => {
      const pinned =
        ACCOUNT_KEYS.some((k) => {
          const values = conditionValues(s.condition, 'StringEquals', k);
          return values.length > 0 && values.every(isAccount);
        }) ||
        ORG_KEYS.some((k) => {
          const values = conditionValues(s.condition, 'StringEquals', k);
          return values.length > 0 && values.every(isOrganization);
        });
      const index = statements.indexOf(s);
      if (!pinned) problems.push(`statement ${index} of the ${service} endpoint's policy allows without StringEquals on an account or organization key`);
    });
    return problems;
  },
};
