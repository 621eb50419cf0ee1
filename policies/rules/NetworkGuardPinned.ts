import type { CfnResource } from 'aws-cdk-lib';
import { actionMatches, isEveryone, type Statement, statementsOf } from './iam';
import { bucketRef, isPhiBucket, namesBucket } from './phi';
import { flatten, isObject, type JsonObject, referencedLogicalId, resourcesInStack, templateOf } from './resolve';
import type { CodingRule } from './rule';

/** Condition keys that exempt a request by the network path it took. */
const PATH_KEYS = { 'aws:sourcevpce': 'AWS::EC2::VPCEndpoint', 'aws:sourcevpc': 'AWS::EC2::VPC' } as const;
type PathKey = keyof typeof PATH_KEYS;

/** The only operators that pin the path to listed values (IfExists lets requests without the key through to the other conditions). */
const PINNING_OPERATORS = new Set(['stringnotequals', 'stringnotequalsifexists']);

/**
 * Passes when every network Deny (a Deny on `aws:SourceIp`, `aws:SourceVpce` or `aws:SourceVpc`)
 * of an IAM policy or of the PHI bucket's policy pins the endpoint to this stack: its
 * `aws:SourceVpce` / `aws:SourceVpc` values are references to this stack's VPC endpoints and VPC,
 * compared with StringNotEquals(IfExists), never "any endpoint" (`Null aws:SourceVpce`), a
 * wildcard or a literal id. The PHI bucket's policy must also deny listing from elsewhere.
 */
export const NetworkGuardPinned: CodingRule = {
  id: 'NetworkGuardPinned',
  info: 'A network guard (people’s guard policy or the PHI bucket policy) exempts requests through a VPC endpoint that is not pinned to this stack’s endpoints or VPC.',
  explanation:
    'A Deny that skips requests carrying any aws:SourceVpce lets a person use their credentials from anywhere, through an endpoint in their own VPC. ' +
    'Compare aws:SourceVpce with StringNotEquals(IfExists) against Refs to this stack’s AWS::EC2::VPCEndpoint resources (or aws:SourceVpc against ' +
    'a Ref to its AWS::EC2::VPC), never Null, a wildcard or a literal id; and deny s3:ListBucket on the PHI bucket from anywhere else (keys are patient ids).',
  resourceTypes: ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::S3::BucketPolicy'],
  evaluate(node: CfnResource) {
    const { properties } = templateOf(node);
    if (node.cfnResourceType === 'AWS::S3::BucketPolicy') return phiBucketPolicyProblems(node, properties);
    const guards = statementsOf(properties.PolicyDocument).filter(isNetworkDeny);
    if (guards.length === 0) return undefined;
    return guards.flatMap((s) => pinningProblems(node, s));
  },
};

function phiBucketPolicyProblems(node: CfnResource, properties: JsonObject): string[] | undefined {
  const phi = resourcesInStack(node, 'AWS::S3::Bucket').find((b) => isPhiBucket(b) && namesBucket(properties.Bucket, bucketRef(b)));
  if (phi === undefined) return undefined;
  const guards = statementsOf(properties.PolicyDocument).filter((s) => isNetworkDeny(s) && isEveryone(s.principal));
  const problems = guards.flatMap((s) => pinningProblems(node, s));
  const listing = guards.filter((s) => !s.notActions && s.actions.some((a) => actionMatches(a, 's3:ListBucket')));
  if (!listing.some((s) => pathConditions(s).length > 0 && pinningProblems(node, s).length === 0)) {
    problems.push('no pinned network Deny covers s3:ListBucket on the PHI bucket');
  }
  return problems;
}

function isNetworkDeny(s: Statement): boolean {
  return s.effect === 'Deny' && Object.values(s.condition).some((op) => isObject(op) && Object.keys(op).some((k) => ['aws:sourceip', ...Object.keys(PATH_KEYS)].includes(k.toLowerCase())));
}

/** Every (operator, key, values) of the statement on a network-path key. */
function pathConditions(s: Statement): { operator: string; key: PathKey; values: unknown[] }[] {
  return Object.entries(s.condition).flatMap(([operator, op]) =>
    isObject(op)
      ? Object.entries(op)
          .filter(([k]) => k.toLowerCase() in PATH_KEYS)
          .map(([k, v]) => ({ operator, key: k.toLowerCase() as PathKey, values: Array.isArray(v) ? v : [v] }))
      : [],
  );
}

function pinningProblems(node: CfnResource, s: Statement): string[] {
  const where = `a network Deny on ${s.actions.join(', ')}`;
  return pathConditions(s).flatMap(({ operator, key, values }) => {
    if (!PINNING_OPERATORS.has(operator.toLowerCase())) return [`${where}: ${operator} on ${key} does not pin the endpoint (any endpoint would pass)`];
    return values.flatMap((v) => {
      const target = referencedLogicalId(v);
      const type = PATH_KEYS[key];
      // A value that is no reference (target undefined) matches no logical id.
      const resource = resourcesInStack(node, type).find((r) => templateOf(r).logicalId === target);
      return resource ? [] : [`${where}: ${key} value ${flatten(v)} is not a reference to this stack's ${type}`];
    });
  });
}
