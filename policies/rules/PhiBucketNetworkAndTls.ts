import type { CfnResource } from 'aws-cdk-lib';
import { actionMatches, conditionValues, isEveryone, type Statement, statementsOf } from './iam';
import { bucketRef, isPhiBucket, namesBucket } from './phi';
import { flatten, resourcesInStack, templateOf } from './resolve';
import type { CodingRule } from './rule';

/**
 * Passes when a bucket tagged `data-classification=phi` has a bucket policy that denies requests
 * without TLS (`aws:SecureTransport` false) and denies requests from outside the network
 * (`aws:SourceVpce`, `aws:SourceVpc` or `aws:SourceIp`).
 */
export const PhiBucketNetworkAndTls: CodingRule = {
  id: 'PhiBucketNetworkAndTls',
  info: 'The PHI bucket’s policy does not deny requests without TLS and from outside the VPC endpoint / VPN network.',
  explanation:
    'Charts may travel only encrypted and only from inside the environment. Add two Deny statements for every principal on the bucket and its objects: ' +
    'one with Bool aws:SecureTransport "false" (enforceSSL), one with StringNotEquals aws:SourceVpce (or aws:SourceVpc / NotIpAddress aws:SourceIp).',
  resourceTypes: ['AWS::S3::Bucket'],
  evaluate(node: CfnResource) {
    if (!isPhiBucket(node)) return undefined;
    const bucket = bucketRef(node);
    const statements = resourcesInStack(node, 'AWS::S3::BucketPolicy')
      .map((p) => templateOf(p).properties)
      .filter((p) => namesBucket(p.Bucket, bucket))
      .flatMap((p) => statementsOf(p.PolicyDocument))
      .filter(deniesObjectReads);
    const problems: string[] = [];
    if (!statements.some((s) => conditionValues(s.condition, 'Bool', 'aws:SecureTransport').some((v) => flatten(v) === 'false'))) {
      problems.push('no Deny with Bool aws:SecureTransport "false"');
    }
    if (!statements.some(deniesOutsideNetwork)) problems.push('no Deny on aws:SourceVpce, aws:SourceVpc or aws:SourceIp');
    return problems;
  },
};

/** A Deny for everyone that reaches object reads. */
function deniesObjectReads(s: Statement): boolean {
  return s.effect === 'Deny' && isEveryone(s.principal) && !s.notActions && s.actions.some((a) => actionMatches(a, 's3:GetObject'));
}

const NETWORK_CONDITIONS: readonly [string, string][] = [
  ['StringNotEquals', 'aws:SourceVpce'],
  ['StringNotEqualsIfExists', 'aws:SourceVpce'],
  ['StringNotEquals', 'aws:SourceVpc'],
  ['StringNotEqualsIfExists', 'aws:SourceVpc'],
  ['NotIpAddress', 'aws:SourceIp'],
  ['NotIpAddressIfExists', 'aws:SourceIp'],
];

function deniesOutsideNetwork(s: Statement): boolean {
  return NETWORK_CONDITIONS.some(([op, key]) => conditionValues(s.condition, op, key).length > 0);
}
