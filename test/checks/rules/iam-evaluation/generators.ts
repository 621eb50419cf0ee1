import fc from 'fast-check';
import type { EvaluatedStatement } from '../../../../checks/rules/iam-evaluation/statement';

/**
 * Generated identity policies and requests in the subset the evaluator supports, shared by the
 * differential tests. Values are drawn from small pools that overlap, so matches and mismatches
 * are both common; every operator family appears with the keys whose values it reads. Left out,
 * where iam-simulate 0.1.173 and IAM's documented behaviour part ways (our answer is pinned in
 * the unit tests instead): variables outside the resource part of a Resource ARN, and single
 * addresses (no /prefix) in NotIpAddress against a request of the other IP family.
 */

export const ACCOUNT = '111122223333';
export const USER = 'jdoe';
export const PRINCIPAL_ARN = `arn:aws:iam::${ACCOUNT}:user/${USER}`;
const BUCKET = 'arn:aws:s3:::phi-bucket';

export const REQUEST_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObjectVersion', 'iam:CreateAccessKey', 'iam:PassRole', 'iam:AttachUserPolicy', 'iam:PutGroupPolicy', 'ec2:RunInstances'];
const ACTION_PATTERNS = ['*', 's3:*', 's3:Get*', 's3:?etObject', 'S3:getobject', 's3:List*', 's3:*Object*', 'iam:*', 'iam:Create*', 'iam:*Policy', 'iam:PassRole', 'IAM:passrole', 'ec2:*', 'iam:Put?roupPolicy'];

export const REQUEST_RESOURCES = [
  BUCKET,
  `${BUCKET}/cardiology/P1/a.pdf`,
  `${BUCKET}/orthopedics/x`,
  `${BUCKET}/jdoe/notes.txt`,
  'arn:aws:s3:::other-bucket/jdoe/file',
  `arn:aws:iam::${ACCOUNT}:user/jdoe`,
  `arn:aws:iam::${ACCOUNT}:user/rpatel`,
  `arn:aws:iam::${ACCOUNT}:role/app-role`,
  'arn:aws:iam::444455556666:role/x',
  `arn:aws:iam::${ACCOUNT}:group/coders-cardiology`,
  `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`,
];
const RESOURCE_PATTERNS = [
  '*',
  BUCKET,
  `${BUCKET}/*`,
  `${BUCKET}/cardiology/*`,
  'arn:aws:s3:::phi-*',
  'arn:aws:s3:::*/orthopedics/*',
  `${BUCKET}/\${aws:username}/*`,
  'arn:aws:s3:::other-bucket/${aws:username}/*',
  `${BUCKET}/?ardiology/*`,
  'arn:aws:s3:::*',
  'arn:aws:iam::*:user/${aws:username}',
  `arn:aws:iam::${ACCOUNT}:user/*`,
  'arn:aws:iam::*:role/*',
  `arn:aws:iam::${ACCOUNT}:group/coders-*`,
  'arn:aws:iam::*:*',
  `arn:aws:iam::${ACCOUNT}:role/app-???e`,
  'arn:aws:ec2:*:*:instance/*',
  `arn:aws:ec2:us-east-?:${ACCOUNT}:instance/i-*`,
  'arn:aws:iam::*:user/${aws:PrincipalType, \'none\'}',
  // A variable of a key the request may lack: no value, no match (or the default).
  `${BUCKET}/\${s3:prefix}*`,
  `${BUCKET}/\${iam:PassedToService, 'jdoe'}/*`,
  // Not drawn: a variable in the partition, service, region or account part
  // (`arn:aws:iam::${aws:PrincipalAccount}:role/*`), which iam-simulate 0.1.173 takes literally
  // and we resolve as IAM does (resource-match.test.ts pins it).
];

/** Condition keys by the family of operators that read them, with policy values for them. */
const FAMILIES = [
  { ops: ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'], keys: {
    's3:prefix': ['cardiology/', 'cardiology/*', 'orthopedics/*', '*', '${aws:username}/*', 'JDOE/', '${iam:PassedToService}*', '${*}'],
    'aws:username': ['jdoe', 'rpatel', 'j*', 'JDoe'],
    'iam:PassedToService': ['lambda.amazonaws.com', 'ec2.amazonaws.com', '*.amazonaws.com'],
    'aws:PrincipalType': ['User', 'AssumedRole'],
  } },
  { ops: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'], keys: {
    'aws:PrincipalArn': [PRINCIPAL_ARN, `arn:aws:iam::${ACCOUNT}:user/*`, 'arn:aws:iam::*:user/${aws:username}', 'arn:aws:iam::444455556666:*', `arn:aws:iam::${ACCOUNT}:role/?pp-role`],
  } },
  { ops: ['Bool'], keys: { 'aws:MultiFactorAuthPresent': ['true', 'false'], 'aws:SecureTransport': ['true', 'False'] } },
  { ops: ['IpAddress', 'NotIpAddress'], keys: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.7/32', '2001:db8::/32', '10.0.0.0/8', '203.0.113.0/32'] } },
  { ops: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'], keys: { 's3:max-keys': ['10', '100', '1000', '5.5'] } },
  { ops: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'], keys: { 'aws:CurrentTime': ['2026-01-01T00:00:00Z', '2026-12-31T23:59:59Z', '2026-06-01T00:00:00Z'] } },
  { ops: ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike'], set: true, keys: { 'aws:TagKeys': ['team', 'owner', 'cost*'] } },
] as const;

const ALL_KEYS = FAMILIES.flatMap((f) => Object.keys(f.keys));

const someOf = <T>(pool: readonly T[], max = 3) => fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: max });

/** One condition: operator (with an optional set prefix / IfExists) -> key -> values. */
const condition = fc.oneof(
  fc.constantFrom(...FAMILIES).chain((f) =>
    fc.record({
      op: fc.constantFrom(...f.ops),
      set: 'set' in f ? fc.constantFrom('ForAnyValue:', 'ForAllValues:') : fc.constantFrom('', '', '', 'ForAnyValue:', 'ForAllValues:'),
      ifExists: fc.boolean(),
      key: fc.constantFrom(...Object.keys(f.keys)),
    }).chain(({ op, set, ifExists, key }) =>
      someOf((f.keys as Record<string, readonly string[]>)[key] ?? []).map((values) => ({ operator: `${set}${op}${ifExists ? 'IfExists' : ''}`, key, values })),
    ),
  ),
  fc.record({ operator: fc.constant('Null'), key: fc.constantFrom(...ALL_KEYS), values: someOf(['true', 'false'], 1) }),
);

const conditions = fc.array(condition, { maxLength: 3 }).map((cs) => {
  const block: Record<string, Record<string, string | string[]>> = {};
  for (const c of cs) (block[c.operator] ??= {})[c.key] = c.values.length === 1 ? c.values[0]! : c.values;
  return block;
});

export const statement: fc.Arbitrary<EvaluatedStatement> = fc
  .record({
    effect: fc.constantFrom('Allow' as const, 'Allow' as const, 'Deny' as const),
    not: fc.boolean(),
    actions: someOf(ACTION_PATTERNS),
    notResource: fc.integer({ min: 0, max: 4 }),
    resources: someOf(RESOURCE_PATTERNS),
    conditions,
  })
  .map(({ effect, not, actions, notResource, resources, conditions: c }) => ({
    effect,
    actions: not ? [] : actions,
    notActions: not ? actions : [],
    resources: notResource === 0 ? [] : resources,
    ...(notResource === 0 ? { notResources: resources } : {}),
    ...(Object.keys(c).length > 0 ? { conditions: c } : {}),
  }));

export const policy = fc.array(statement, { minLength: 1, maxLength: 3 });

/** Optional request keys, each present or absent. */
const OPTIONAL_CONTEXT: Readonly<Record<string, readonly (string | string[])[]>> = {
  's3:prefix': ['cardiology/', 'orthopedics/x', 'jdoe/', 'JDOE/'],
  'iam:PassedToService': ['lambda.amazonaws.com', 'cloudtrail.amazonaws.com'],
  'aws:MultiFactorAuthPresent': ['true', 'false'],
  'aws:SecureTransport': ['true', 'false'],
  'aws:SourceIp': ['198.51.100.9', '203.0.113.7', '2001:db8::1', '192.0.2.1', '10.1.2.3'],
  's3:max-keys': ['5', '100', '5000', '5.5'],
  'aws:CurrentTime': ['2026-06-01T00:00:00Z', '2025-06-01T00:00:00Z', '2026-12-31T23:59:59Z'],
  'aws:TagKeys': [['team'], ['team', 'owner'], ['cost-center'], ['owner', 'cost-center']],
};

export const request = fc.record({
  action: fc.constantFrom(...REQUEST_ACTIONS),
  resource: fc.constantFrom(...REQUEST_RESOURCES),
  optional: fc.record(Object.fromEntries(Object.entries(OPTIONAL_CONTEXT).map(([k, vs]) => [k, fc.option(fc.constantFrom(...vs), { nil: undefined })]))),
}).map(({ action, resource, optional }) => ({
  action,
  resource,
  context: {
    'aws:username': USER,
    'aws:PrincipalArn': PRINCIPAL_ARN,
    'aws:PrincipalAccount': ACCOUNT,
    'aws:PrincipalType': 'User',
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  } as Record<string, string | string[]>,
}));

/** The statement as IAM policy JSON. */
export function statementJson(s: EvaluatedStatement): Record<string, unknown> {
  return {
    Effect: s.effect,
    ...(s.notActions.length > 0 ? { NotAction: [...s.notActions] } : { Action: [...s.actions] }),
    ...(s.notResources !== undefined && s.notResources.length > 0 ? { NotResource: [...s.notResources] } : { Resource: [...s.resources] }),
    ...(s.conditions !== undefined ? { Condition: s.conditions } : {}),
  };
}
