import fc from 'fast-check';
import type { PolicyStatement } from '../../../../checks/model/iam';
import { effectiveAccess, type PolicySource } from '../../../../checks/rules/effective-access';
import { ACCOUNT, REQUEST_RESOURCES, statement } from './generators';
import { referenceEffectiveAccess } from './reference-effective-access';

/**
 * The whole effective-access answer (allowed, the policies it is granted through, the conditions
 * assumed) against the module as it was when it asked iam-simulate: the findings of
 * excess-phi-reach and privilege-escalation are built from exactly these verdicts, so equal
 * verdicts are equal findings. Conditions on keys the audit cannot know are mixed in, as real
 * policies have them (assumed in an Allow, leaving a Deny out).
 */

const UNKNOWABLE = fc.record({
  operator: fc.constantFrom('StringEquals', 'StringNotEquals', 'IpAddress', 'NotIpAddress', 'Bool', 'BoolIfExists', 'ForAnyValue:StringLike', 'DateLessThan'),
  key: fc.constantFrom('aws:SourceVpce', 'aws:SourceIp', 'aws:MultiFactorAuthPresent', 'aws:TagKeys', 'aws:CurrentTime'),
  value: fc.constantFrom('vpce-0a1b2c3d4e5f60718', '198.51.100.0/28', 'true', '2026-01-01T00:00:00Z'),
});

const modelStatement: fc.Arbitrary<PolicyStatement> = fc.tuple(statement, fc.option(UNKNOWABLE, { nil: undefined, freq: 3 })).map(([s, extra]) => {
  const conditions = { ...(s.conditions ?? {}) };
  if (extra) conditions[extra.operator] = { ...(conditions[extra.operator] ?? {}), [extra.key]: extra.value };
  return { ...s, ...(Object.keys(conditions).length > 0 ? { conditions } : {}), awsPrincipals: [] };
});

const sources: fc.Arbitrary<PolicySource[]> = fc.array(
  fc.record({ via: fc.constantFrom('user', 'group coders-cardiology', 'group coding-leads'), name: fc.constantFrom('a', 'b', 'c'), document: fc.record({ statements: fc.array(modelStatement, { minLength: 1, maxLength: 3 }) }) }),
  { minLength: 1, maxLength: 3 },
);

// The questions the rules ask: PHI objects and listing prefixes; IAM changes, PassRole to services.
const question = fc.oneof(
  fc.record({ action: fc.constantFrom('s3:GetObject', 's3:PutObject', 's3:DeleteObjectVersion'), resource: fc.constantFrom(...REQUEST_RESOURCES) }),
  fc.record({ action: fc.constant('s3:ListBucket'), resource: fc.constant('arn:aws:s3:::phi-bucket'), context: fc.constantFrom({ 's3:prefix': 'cardiology/' }, { 's3:prefix': 'jdoe/' }) }),
  fc.record({ action: fc.constant('s3:ListBucket'), resource: fc.constant('arn:aws:s3:::phi-bucket') }),
  fc.record({ action: fc.constantFrom('iam:CreateAccessKey', 'iam:AttachUserPolicy', 'iam:PutGroupPolicy'), resource: fc.constantFrom(...REQUEST_RESOURCES.filter((r) => r.includes(':iam:'))) }),
  fc.record({ action: fc.constant('iam:PassRole'), resource: fc.constant(`arn:aws:iam::${ACCOUNT}:role/app-role`), context: fc.constantFrom({ 'iam:PassedToService': 'lambda.amazonaws.com' }, { 'iam:PassedToService': 'cloudtrail.amazonaws.com' }) }),
);

const RUNS = Number(process.env.IAM_DIFFERENTIAL_RUNS ?? 1000);

describe('effective access agrees with its iam-simulate-backed predecessor (property-based)', () => {
  test('same verdict, grantedBy and assumed conditions for generated policy sets and the rules\' questions', () => {
    let allowed = 0;
    let assumed = 0;
    fc.assert(
      fc.property(sources, fc.constantFrom('jdoe', 'rpatel'), fc.array(question, { minLength: 1, maxLength: 4 }), (policies, user, questions) => {
        const principal = { userName: user, arn: `arn:aws:iam::${ACCOUNT}:user/${user}`, account: ACCOUNT };
        const ours = effectiveAccess(principal, policies);
        const theirs = referenceEffectiveAccess(principal, policies);
        for (const q of questions) {
          const v = ours(q);
          expect(v).toEqual(theirs(q));
          if (v.allowed) allowed++;
          if (v.assumedConditions.length > 0) assumed++;
        }
      }),
      { numRuns: RUNS },
    );
    if (process.env.IAM_DIFFERENTIAL_STATS) console.log({ allowed, assumed });
    // Questions per run average 2.5: the generators must make allows, and assumed conditions, common.
    expect(allowed).toBeGreaterThan(RUNS / 4);
    expect(assumed).toBeGreaterThan(RUNS / 4);
  });
});
