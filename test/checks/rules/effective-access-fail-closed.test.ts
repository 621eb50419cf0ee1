import { auditWindow } from '../../../checks/audit';
import { runChecks } from '../../../checks/engine';
import type { AuditModel } from '../../../checks/model/audit-model';
import type { PolicyDocument, PolicyStatement } from '../../../checks/model/iam';
import { effectiveAccess, UndecidableAccessError } from '../../../checks/rules/effective-access';
import { AS_OF, config, credentialUser, fullCoverage, iamUser } from '../helpers';

/**
 * What the evaluator cannot decide is an error, never a guessed "not allowed": a policy that
 * could grant PHI through a construct we do not evaluate makes privilege-creep `error`, naming
 * the policy and the construct. A construct that cannot change the answer changes nothing.
 */
const BUCKET = 'arn:aws:s3:::examplecoding-phi-records';
const st = (over: Partial<PolicyStatement>): PolicyStatement => ({ effect: 'Allow', actions: ['s3:GetObject'], notActions: [], resources: [`${BUCKET}/*`], awsPrincipals: [], ...over });
const doc = (...statements: PolicyStatement[]): PolicyDocument => ({ statements });
const principal = { userName: 'kchen', arn: 'arn:aws:iam::111122223333:user/kchen', account: '111122223333' };
const ask = (document: PolicyDocument, action = 's3:GetObject', resource = `${BUCKET}/cardiology/P1/a.pdf`, context?: Record<string, string>) =>
  effectiveAccess(principal, [{ via: 'user', name: 'extra', document }])({ action, resource, ...(context ? { context } : {}) });

describe('effective access fails closed on what it cannot decide', () => {
  test.each([
    ['an operator the evaluator does not know, on a key the question fixes', st({ actions: ['s3:ListBucket'], resources: [BUCKET], conditions: { StringEqualz: { 's3:prefix': 'cardiology/' } } }), 's3:ListBucket', BUCKET, /policy "user: extra" uses condition operator StringEqualz/],
    ['a policy variable whose value the audit does not know (a tag)', st({ resources: [`${BUCKET}/\${aws:PrincipalTag/specialty}/*`] }), 's3:GetObject', `${BUCKET}/cardiology/P1/a.pdf`, /policy variable \$\{aws:PrincipalTag\/specialty\}/],
    ['the user id, which the export model does not carry', st({ resources: [`${BUCKET}/\${aws:userid}/*`] }), 's3:GetObject', `${BUCKET}/cardiology/P1/a.pdf`, /\$\{aws:userid\}/],
    ['a wildcard in the resource type', st({ actions: ['iam:PutUserPolicy'], resources: ['arn:aws:iam::*:*/kchen'] }), 'iam:PutUserPolicy', 'arn:aws:iam::111122223333:user/kchen', /resource type/],
    ['a resource that is not an ARN', st({ resources: ['examplecoding-phi-records/*'] }), 's3:GetObject', `${BUCKET}/cardiology/P1/a.pdf`, /not a full ARN/],
    ['a wildcard in the service prefix of an action', st({ actions: ['s*:GetObject'] }), 's3:GetObject', `${BUCKET}/cardiology/P1/a.pdf`, /service prefix/],
  ])('%s', (_, statement, action, resource, message) => {
    expect(() => ask(doc(statement), action, resource)).toThrow(UndecidableAccessError);
    expect(() => ask(doc(statement), action, resource)).toThrow(message);
  });

  test('an undecidable deny that could refuse an allow is an error too', () => {
    const document = doc(st({}), st({ effect: 'Deny', resources: [`${BUCKET}/\${aws:PrincipalTag/home}/*`] }));
    expect(() => ask(document)).toThrow(/aws:PrincipalTag\/home/);
  });

  test('an undecidable allow in another policy than the one that grants is an error: the finding would misname what grants', () => {
    const policies = [
      { via: 'user', name: 'plain', document: doc(st({})) },
      { via: 'group coders-cardiology', name: 'by-tag', document: doc(st({ resources: [`${BUCKET}/\${aws:PrincipalTag/home}/*`] })) },
    ];
    expect(() => effectiveAccess(principal, policies)({ action: 's3:GetObject', resource: `${BUCKET}/cardiology/P1/a.pdf` })).toThrow(/policy "group coders-cardiology: by-tag"/);
    // Within one policy, a statement that grants settles that the policy grants.
    expect(ask(doc(st({}), st({ resources: [`${BUCKET}/\${aws:PrincipalTag/home}/*`] }))).grantedBy).toEqual(['user: extra']);
  });

  test('what cannot change the answer changes nothing', () => {
    const odd = st({ resources: [`${BUCKET}/\${aws:PrincipalTag/home}/*`] });
    // Another action: never reaches the resource.
    expect(ask(doc(odd), 's3:PutObject')).toEqual({ allowed: false, grantedBy: [], assumedConditions: [] });
    // A definite deny wins.
    expect(ask(doc(odd, st({ effect: 'Deny', actions: ['*'], resources: ['*'] }))).allowed).toBe(false);
    // Nothing could allow: an undecidable deny is irrelevant.
    expect(ask(doc({ ...odd, effect: 'Deny' })).allowed).toBe(false);
    // Known-absent keys the question fixes are no doubt: no s3:prefix in a GetObject request.
    expect(ask(doc(st({ resources: [`${BUCKET}/\${s3:prefix}*`] }))).allowed).toBe(false);
    // The user id is not in the export model: a condition on it is assumed, never read as absent (a false "not allowed").
    expect(ask(doc(st({ conditions: { StringLike: { 'aws:userid': 'AIDA*' } } })))).toEqual({ allowed: true, grantedBy: ['user: extra'], assumedConditions: ['aws:userid'] });
    // Conditions on keys the audit cannot know are assumed in an allow, whatever their operator.
    expect(ask(doc(st({ conditions: { StringEqualz: { 'aws:SourceVpce': 'vpce-1' } } })))).toEqual({ allowed: true, grantedBy: ['user: extra'], assumedConditions: ['aws:SourceVpce'] });
  });

  test('in the audit: privilege-creep is error, naming the person\'s policy and the construct; the other checks run', () => {
    const window = auditWindow(AS_OF, 30);
    const tagged = doc(st({ resources: [`${BUCKET}/\${aws:PrincipalTag/specialty}/*`] }));
    const model: AuditModel = {
      credentialReport: { ok: true, value: { users: [credentialUser('kchen')], hasKeyLastUsed: true } },
      authorization: { ok: true, value: { users: [iamUser('kchen', { inline: [{ name: 'by-tag', document: tagged }] })], groups: [], roles: [], policies: [] } },
      events: { ok: true, value: [] },
      coverage: fullCoverage(window),
      register: { ok: true, value: {} },
      attestations: { ok: true, value: { sources: [], rows: [] } },
    };
    const result = runChecks(model, config(), window, []);
    const creep = result.checks.find((c) => c.check === 'privilege-creep');
    expect(creep?.status).toBe('error');
    expect(creep?.error).toMatch(/cannot decide whether kchen may s3:\w+ on .*: policy "user: by-tag" uses policy variable \$\{aws:PrincipalTag\/specialty\}/);
    expect(result.checks.filter((c) => c.check !== 'privilege-creep').every((c) => c.status === 'ok')).toBe(true);
  });
});

describe('effective access caches only what cannot depend on the person', () => {
  test('a condition on aws:username makes answers personal, variables or not', () => {
    const policies = [{ via: 'group coders-cardiology', name: 'only-jdoe', document: doc(st({ conditions: { StringEquals: { 'aws:username': 'jdoe' } } })) }];
    const q = { action: 's3:GetObject', resource: `${BUCKET}/cardiology/P1/a.pdf` };
    const as = (name: string) => effectiveAccess({ userName: name, arn: `arn:aws:iam::111122223333:user/${name}`, account: '111122223333' }, policies)(q).allowed;
    expect(as('jdoe')).toBe(true);
    expect(as('rpatel')).toBe(false);
  });
});
