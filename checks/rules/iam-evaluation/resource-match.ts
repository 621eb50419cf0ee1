import { LEADING_PARTS, splitArn } from './arn';
import { globMatches } from './glob';
import { type Match, unsupported } from './outcome';
import { isGlob, resolvedMatches, resolvePolicyString } from './policy-variables';
import type { RequestContext } from './request-context';

/**
 * Whether a `Resource`/`NotResource` entry covers a request's resource ARN. `*` is every
 * resource. Otherwise both are split into the ARN's parts: partition, service, region and account
 * are each matched on their own with `*`/`?` wildcards (a `*` there never spans a colon),
 * ignoring case, and the resource part (`user/jdoe`, `bucket/key`, `log-group:name:*`) as one
 * case-sensitive string, where `*` spans `/` and `:`. Policy variables are replaced first, in any
 * part (`user/${aws:username}`, `${aws:PrincipalAccount}`); one with no value makes the entry
 * `NO_VALUE` (it matches in neither sense, see outcome.ts).
 *
 * IAM refuses a wildcard or variable in the resource type (the `user` of `user/...`; S3 has
 * none): such an entry, an entry that is not an ARN, or one with fewer than six parts, is
 * `Unsupported` rather than given a meaning IAM does not document.
 */
export function resourceMatches(pattern: string, resource: string, context: RequestContext): Match {
  if (pattern === '*') return true;
  const policy = splitArn(pattern);
  if (!policy) return unsupported(`resource "${pattern}" (not a full ARN)`);
  const requested = splitArn(resource);
  if (!requested) return false;
  for (const part of LEADING_PARTS) {
    const glob = resolvePolicyString(policy[part], context, { wildcards: true });
    if (!isGlob(glob)) return glob;
    if (!globMatches(glob, requested[part], { ignoreCase: true })) return false;
  }
  if (wildcardInType(policy.service, policy.region, policy.account, policy.resource)) return unsupported(`resource "${pattern}" (a wildcard or variable in the resource type)`);
  return resolvedMatches(resolvePolicyString(policy.resource, context, { wildcards: true }), requested.resource);
}

/**
 * Whether the resource type of a resource part, up to the first `/` or `:` (`user/`,
 * `log-group:`), holds a wildcard or variable. S3 bucket and object ARNs (no region, no account)
 * have no type, nor has a resource part without a separator.
 */
function wildcardInType(service: string, region: string, account: string, resource: string): boolean {
  if (service === 's3' && region === '' && account === '') return false;
  // No separator: search is -1, and the slice is empty.
  return /[*?]|\$\{/.test(resource.slice(0, resource.search(/[/:]/) + 1));
}
