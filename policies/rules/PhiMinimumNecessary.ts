import type { CfnResource } from 'aws-cdk-lib';
import { specialtyOfGroup } from '../../lib/config/roster';
import { actionMatches, policiesOfGroup, type Statement } from './iam';
import { bucketArnSpellings, type BucketRef, phiBucketsInStack } from './phi';
import { asList, flatten, templateOf } from './resolve';
import type { CodingRule } from './rule';

/** Object-level actions that read, write or destroy a chart. */
const PHI_OBJECT_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectAttributes', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:RestoreObject'];

/** AWS managed policies that read or write objects in every bucket, the PHI bucket included. */
const AWS_MANAGED_OBJECT_ACCESS = ['AdministratorAccess', 'PowerUserAccess', 'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess', 'ReadOnlyAccess'];

/**
 * Passes when no policy a group's members receive grants PHI object access wider than one
 * specialty prefix (`<bucket>/<specialty>/...`), a `coders-<s>` group reaches only `<s>/`, and
 * nothing allows `s3:*` (or `*`) on a PHI bucket.
 */
export const PhiMinimumNecessary: CodingRule = {
  id: 'PhiMinimumNecessary',
  info: 'A group of people is granted PHI object access wider than one specialty prefix, or s3:* on the PHI bucket.',
  explanation:
    'Coders may open only the charts of their specialty. Grant coders-<s> object actions on "<phi bucket ARN>/<s>/*" only; ' +
    'never "<bucket>/*", "*", several specialties in one group, or s3:* on the PHI bucket.',
  resourceTypes: ['AWS::IAM::Group'],
  evaluate(node: CfnResource) {
    if (node.cfnResourceType !== 'AWS::IAM::Group') return undefined;
    const buckets = phiBucketsInStack(node);
    const groupName = templateOf(node).properties.GroupName;
    const ownSpecialty = typeof groupName === 'string' ? specialtyOfGroup(groupName) : undefined;
    const problems: string[] = [];
    if (buckets.length > 0) {
      for (const arn of asList(templateOf(node).properties.ManagedPolicyArns).map(flatten)) {
        const name = /:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
        if (name && AWS_MANAGED_OBJECT_ACCESS.includes(name)) problems.push(`AWS managed policy ${name} reaches every object of the PHI bucket`);
      }
    }
    const specialties = new Set<string>();
    for (const policy of policiesOfGroup(node)) {
      for (const s of policy.statements.filter((st) => st.effect === 'Allow')) {
        for (const grant of phiGrants(s, buckets)) {
          if (grant.kind === 'wide') problems.push(`${policy.source} allows ${s.actions.join(', ')} on ${grant.resource}`);
          else specialties.add(grant.specialty);
        }
      }
    }
    if (specialties.size > 1) problems.push(`PHI object access spans several specialties: ${[...specialties].sort().join(', ')}`);
    if (ownSpecialty !== undefined) {
      [...specialties].filter((sp) => sp !== ownSpecialty).forEach((sp) => problems.push(`${String(groupName)} reaches another specialty's charts: ${sp}/`));
    }
    return problems;
  },
};

type Grant = { kind: 'wide'; resource: string } | { kind: 'specialty'; specialty: string };

/** What one Allow statement grants on PHI objects. */
function phiGrants(s: Statement, buckets: BucketRef[]): Grant[] {
  if (buckets.length === 0) return [];
  const allS3 = s.notActions || s.actions.some((a) => a === '*' || /^s3:\*$/i.test(a));
  const objectAccess = allS3 || s.actions.some((a) => PHI_OBJECT_ACTIONS.some((phi) => actionMatches(a, phi)));
  if (!objectAccess) return [];
  const resources = s.resources.map(flatten);
  if (s.notResources) return [{ kind: 'wide', resource: `NotResource ${resources.join(', ')}` }];
  return resources.flatMap((resource): Grant[] => {
    // "*", or a bucket-name wildcard that may match the PHI bucket.
    if (resource === '*' || /^arn:(<AWS::Partition>|[^:]*):s3:::[^/]*[*?]/.test(resource)) return [{ kind: 'wide', resource }];
    for (const arn of buckets.flatMap(bucketArnSpellings)) {
      if (!resource.startsWith(arn)) continue;
      const rest = resource.slice(arn.length);
      if (allS3) return [{ kind: 'wide', resource: `${resource} (s3:* on PHI)` }];
      // Object actions on the bucket ARN itself reach no object (grantRead lists both).
      if (rest === '') return [];
      const specialty = /^\/([a-z0-9-]+)\/.*/.exec(rest)?.[1];
      return specialty ? [{ kind: 'specialty', specialty }] : [{ kind: 'wide', resource }];
    }
    return [];
  });
}
