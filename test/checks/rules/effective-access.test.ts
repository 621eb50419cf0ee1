import type { AuthorizationDetails, IamGroup, PolicyDocument } from '../../../checks/model/iam';
import { effectiveAccess, nearAdminNotAction, UndecidableAccessError } from '../../../checks/rules/effective-access';
import * as actionMatch from '../../../checks/rules/iam-evaluation/action-match';
import * as decision from '../../../checks/rules/iam-evaluation/decision';
import { privilegeCreep } from '../../../checks/rules/privilege-creep';
import { emptyAuthorization, iamUser, policyDocument as doc, run, statement as st } from '../helpers';

const BUCKET = 'arn:aws:s3:::examplecoding-phi-records';
// The stack's specialty group: its objects, and listing its prefix only.
const specialty = (s: string, objects = `${BUCKET}/${s}/*`) =>
  doc(st({ actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], resources: [objects] }), st({ actions: ['s3:ListBucket'], resources: [BUCKET], conditions: { StringLike: { 's3:prefix': [`${s}/*`] } } }));
const group = (name: string, document: PolicyDocument): IamGroup => ({ name, attached: [], inline: [{ name: `${name}-policy`, document }] });
const GROUPS = [group('coders-cardiology', specialty('cardiology')), group('coders-orthopedics', specialty('orthopedics')), group('coders-behavioral-health', specialty('behavioral-health')), group('coding-leads', doc(st({ actions: ['cloudwatch:GetDashboard'], resources: ['*'] })))];
const audit = (details: Partial<AuthorizationDetails>) => run(privilegeCreep, { authorization: { ...emptyAuthorization, groups: GROUPS, ...details } });
const only = (rule: string, details: Partial<AuthorizationDetails>) => audit(details).filter((f) => f.rule === rule);
// kchen: coder, orthopedics. mgarcia: lead, cardiology + orthopedics. hmartin: auditor. opsadmin: admin.
const kchen = (over: Parameters<typeof iamUser>[1] = {}) => iamUser('kchen', { groups: ['coders-orthopedics'], ...over });
const inline = (document: PolicyDocument) => [{ name: 'extra', document }];

describe('privilege-creep: excess-phi-reach (effective access)', () => {
  test('flags the expected coders-orthopedics group widened to the whole PHI bucket, for every member', () => {
    const widened = GROUPS.map((g) => (g.name === 'coders-orthopedics' ? group('coders-orthopedics', specialty('orthopedics', `${BUCKET}/*`)) : g));
    const findings = run(privilegeCreep, { authorization: { ...emptyAuthorization, groups: widened, users: [kchen(), iamUser('mgarcia', { groups: ['coders-cardiology', 'coders-orthopedics', 'coding-leads'] })] } }).filter((f) => f.rule === 'excess-phi-reach');
    expect(findings.map((f) => f.principal)).toEqual(['kchen', 'mgarcia']);
    expect(findings[0]).toMatchObject({ severity: 'high', evidence: { reached: expect.arrayContaining([expect.objectContaining({ where: 'the whole bucket', grantedBy: ['group coders-orthopedics: coders-orthopedics-policy'] })]) } });
    expect(findings[0].evidence.reached).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'cardiology' }), expect.objectContaining({ where: 'behavioral-health' })]));
    // mgarcia holds cardiology: only behavioral-health and the whole bucket are beyond her.
    expect((findings[1].evidence.reached as { where: string }[]).map((r) => r.where)).toEqual(['behavioral-health', 'the whole bucket']);
  });
  test('flags a user policy with NotResource (everything but their own prefix)', () => {
    const findings = only('excess-phi-reach', { users: [kchen({ inline: inline(doc(st({ actions: ['s3:GetObject'], notResources: [`${BUCKET}/orthopedics/*`] }))) })] });
    expect(findings).toHaveLength(1);
    expect((findings[0].evidence.reached as { where: string }[]).map((r) => r.where)).toEqual(['cardiology', 'behavioral-health', 'the whole bucket']);
  });
  test('flags a grant behind a condition, and says which condition it depends on', () => {
    const conditional = st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/cardiology/*`], conditions: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' } } });
    const [finding] = only('excess-phi-reach', { users: [kchen({ inline: inline(doc(conditional)) })] });
    expect(finding.evidence.reached).toEqual([{ where: 'cardiology', actions: ['s3:GetObject'], grantedBy: ['user: extra'], ifConditionsHold: ['aws:SourceVpce'] }]);
  });
  test('flags listing another specialty\'s keys (they name patients) through a wildcard action', () => {
    const list = st({ actions: ['s3:List*'], resources: [BUCKET], conditions: { StringLike: { 's3:prefix': ['*'] } } });
    const [finding] = only('excess-phi-reach', { users: [kchen({ inline: inline(doc(list)) })] });
    expect(finding.evidence.reached).toEqual(expect.arrayContaining([expect.objectContaining({ where: 'cardiology', actions: ['s3:ListBucket'] })]));
  });
  test('does not flag the role\'s own groups, a denied prefix, or an admin', () => {
    expect(only('excess-phi-reach', { users: [iamUser('mgarcia', { groups: ['coders-cardiology', 'coders-orthopedics', 'coding-leads'] }), kchen()] })).toEqual([]);
    const wideButDenied = doc(st({ actions: ['s3:*'], resources: [`${BUCKET}/*`] }), st({ effect: 'Deny', actions: ['s3:*'], notResources: [`${BUCKET}/orthopedics/*`] }));
    expect(only('excess-phi-reach', { users: [kchen({ inline: inline(wideButDenied) })] })).toEqual([]);
    expect(only('excess-phi-reach', { users: [iamUser('opsadmin', { inline: inline(doc(st({ actions: ['*'], resources: ['*'] }))) })] })).toEqual([]);
  });
  test('a deny behind a condition the audit cannot know does not protect (it may not apply)', () => {
    const guarded = doc(st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/*`] }), st({ effect: 'Deny', actions: ['*'], resources: ['*'], conditions: { NotIpAddress: { 'aws:SourceIp': ['198.51.100.0/28'] } } }));
    expect(only('excess-phi-reach', { users: [kchen({ inline: inline(guarded) })] })).toHaveLength(1);
  });
});

describe('privilege-creep: privilege-escalation (effective access)', () => {
  const capabilities = (document: PolicyDocument, user = kchen) => only('privilege-escalation', { users: [user({ inline: inline(document) })] }).flatMap((f) => (f.evidence.capabilities as { capability: string }[]).map((c) => c.capability));

  test('flags iam:Attach* (attach any policy to themselves, a group or a role)', () => {
    expect(capabilities(doc(st({ actions: ['iam:Attach*'], resources: ['*'] })))).toEqual([
      'change their own or another user\'s policies',
      'change a group\'s policies',
      'change a role\'s policies or trust',
    ]);
  });
  test('flags iam:PassRole to a compute service, and not to a service that runs no code', () => {
    const pass = (service: string) => doc(st({ actions: ['iam:PassRole'], resources: ['*'], conditions: { StringEquals: { 'iam:PassedToService': service } } }));
    expect(capabilities(pass('lambda.amazonaws.com'))).toEqual(['pass a role to a compute service']);
    expect(capabilities(pass('cloudtrail.amazonaws.com'))).toEqual([]);
  });
  test('flags Allow NotAction near * (PowerUser-style), also through the IAM actions it leaves in', () => {
    const found = capabilities(doc(st({ notActions: ['iam:DeleteUser', 'organizations:*'], resources: ['*'] })));
    expect(found).toEqual(expect.arrayContaining(['do nearly everything (Allow with NotAction on every resource)', 'add users to a group', 'rewrite a managed policy']));
  });
  test('the NotAction finding names the policy that grants it, in the summary too', () => {
    const [f] = only('privilege-escalation', { users: [kchen({ inline: inline(doc(st({ notActions: ['iam:*', 'organizations:*'], resources: ['*'] }))) })] });
    expect(f.evidence.capabilities).toEqual([{ capability: 'do nearly everything (Allow with NotAction on every resource)', grantedBy: ['user: extra'] }]);
    expect(f.summary).toBe('kchen (role coder) can do nearly everything (Allow with NotAction on every resource), through user: extra: remove these permissions; only platform admins change IAM.');
  });
  test('flags creating keys or passwords for another user, adding users to a group, rewriting a policy', () => {
    expect(capabilities(doc(st({ actions: ['iam:CreateLoginProfile'], resources: ['arn:aws:iam::111122223333:user/*'] })))).toEqual(['create keys or passwords for another user']);
    expect(capabilities(doc(st({ actions: ['iam:AddUserToGroup'], resources: ['arn:aws:iam::111122223333:group/coders-*'] })))).toEqual(['add users to a group']);
    expect(capabilities(doc(st({ actions: ['iam:CreatePolicyVersion'], resources: ['*'] })))).toEqual(['rewrite a managed policy']);
  });
  test('does not flag self-service on one\'s own credentials (${aws:username}), read-only IAM, or an admin', () => {
    const selfService = doc(st({ actions: ['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:ChangePassword'], resources: ['arn:aws:iam::*:user/${aws:username}'] }), st({ actions: ['iam:Get*', 'iam:List*'], resources: ['*'] }));
    expect(capabilities(selfService)).toEqual([]);
    expect(capabilities(doc(st({ actions: ['iam:*'], resources: ['*'] })), (over = {}) => iamUser('opsadmin', over))).toEqual([]);
  });
});

describe('the evaluator', () => {
  const principal = { userName: 'jdoe', arn: 'arn:aws:iam::111122223333:user/jdoe', account: '111122223333' };
  test('answers with the policies that grant, and the same answer for the same policy set', () => {
    const policies = [{ via: 'group coders-cardiology', name: 'phi', document: specialty('cardiology') }];
    const q = { action: 's3:GetObject', resource: `${BUCKET}/cardiology/P1/a.pdf` };
    expect(effectiveAccess(principal, policies)(q)).toEqual({ allowed: true, grantedBy: ['group coders-cardiology: phi'], assumedConditions: [] });
    expect(effectiveAccess({ ...principal, userName: 'rpatel', arn: 'arn:aws:iam::111122223333:user/rpatel' }, policies)(q).allowed).toBe(true);
    expect(effectiveAccess(principal, policies)({ ...q, resource: `${BUCKET}/orthopedics/P2/b.pdf` })).toEqual({ allowed: false, grantedBy: [], assumedConditions: [] });
  });
  test('actions match as IAM matches them: case-insensitive, with ? and * wildcards', () => {
    const policies = [{ via: 'user', name: 'odd', document: doc(st({ actions: ['S3:getobj?ct', 'iam:*LoginProfile'], resources: ['*'] })) }];
    const ask = effectiveAccess(principal, policies);
    expect(ask({ action: 's3:GetObject', resource: `${BUCKET}/x` }).allowed).toBe(true);
    expect(ask({ action: 'iam:UpdateLoginProfile', resource: 'arn:aws:iam::111122223333:user/x' }).allowed).toBe(true);
    expect(ask({ action: 's3:PutObject', resource: `${BUCKET}/x` }).allowed).toBe(false);
  });
  test('policy variables make the answer personal', () => {
    const policies = [{ via: 'user', name: 'self', document: doc(st({ actions: ['iam:CreateAccessKey'], resources: ['arn:aws:iam::*:user/${aws:username}'] })) }];
    const q = { action: 'iam:CreateAccessKey', resource: 'arn:aws:iam::111122223333:user/jdoe' };
    expect(effectiveAccess(principal, policies)(q).allowed).toBe(true);
    expect(effectiveAccess({ ...principal, userName: 'rpatel', arn: 'arn:aws:iam::111122223333:user/rpatel' }, policies)(q).allowed).toBe(false);
  });
});

describe('nearAdminNotAction', () => {
  test('an Allow of everything but some actions, on every resource or on all but some', () => {
    expect(nearAdminNotAction(st({ notActions: ['iam:*', 'organizations:*'], resources: ['*'] }))).toBe(true);
    expect(nearAdminNotAction(st({ notActions: ['iam:*'], resources: ['arn:aws:s3:::a', '*'] }))).toBe(true);
    expect(nearAdminNotAction(st({ notActions: ['iam:*'], notResources: [`${BUCKET}/*`] }))).toBe(true);
  });
  test('not a Deny, not an Allow of listed actions, not a NotAction on named resources', () => {
    expect(nearAdminNotAction(st({ effect: 'Deny', notActions: ['iam:*'], resources: ['*'] }))).toBe(false);
    expect(nearAdminNotAction(st({ actions: ['*'], resources: ['*'] }))).toBe(false);
    expect(nearAdminNotAction(st({ notActions: ['iam:*'], resources: [`${BUCKET}/*`] }))).toBe(false);
    expect(nearAdminNotAction(st({ notActions: ['iam:*'], resources: [`${BUCKET}/*`], notResources: [] }))).toBe(false);
  });
});

describe('UndecidableAccessError', () => {
  test('names itself, the person, the question and the policy', () => {
    const principal = { userName: 'jdoe', arn: 'arn:aws:iam::111122223333:user/jdoe', account: '111122223333' };
    const err = new UndecidableAccessError(principal, { action: 's3:GetObject', resource: `${BUCKET}/x` }, 'user: extra', 'condition operator StringEqualz');
    expect(err.name).toBe('UndecidableAccessError');
    expect(err.message).toBe(`cannot decide whether jdoe may s3:GetObject on ${BUCKET}/x: policy "user: extra" uses condition operator StringEqualz`);
  });
});

describe('the evaluator shares answers only where they cannot differ', () => {
  const person = (userName: string) => ({ userName, arn: `arn:aws:iam::111122223333:user/${userName}`, account: '111122223333' });
  const jdoe = person('jdoe');
  const rpatel = person('rpatel');
  const home = `${BUCKET}/home/\${aws:username}/*`;

  test('people of one account with the same set share one answer, kept while other sets come and go; a repeated question is answered from memory', () => {
    const policies = [{ via: 'group coders-dermatology', name: 'dermatology-phi', document: specialty('dermatology') }];
    const q = { action: 's3:GetObject', resource: `${BUCKET}/dermatology/P1/a.pdf` };
    const ask = effectiveAccess(jdoe, policies);
    const first = ask(q);
    expect(first).toEqual({ allowed: true, grantedBy: ['group coders-dermatology: dermatology-phi'], assumedConditions: [] });
    expect(ask(q)).toBe(first);
    // Another set in between does not evict this one.
    expect(effectiveAccess(jdoe, [{ via: 'user', name: 'other', document: specialty('radiology') }])(q).allowed).toBe(false);
    expect(effectiveAccess(rpatel, policies)(q)).toBe(first);
  });

  test.each([
    ['a policy variable in one resource of one statement, beside an impersonal statement and policy', doc(st({ actions: ['s3:GetObject'], resources: [home, `${BUCKET}/inbox/*`] }), st({ actions: ['s3:PutObject'], resources: [`${BUCKET}/inbox/*`] }))],
    ['aws:username beside another key under one operator', doc(st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/home/*`], conditions: { StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:username': 'jdoe' } } }))],
    ['aws:username under one operator, another key under another', doc(st({ actions: ['s3:GetObject'], resources: [`${BUCKET}/home/*`], conditions: { StringLike: { 'aws:PrincipalAccount': '1111*' }, StringEquals: { 'aws:username': 'jdoe' } } }))],
  ])('answers are personal when anything in the set depends on the person: %s', (_, personal) => {
    const policies = [
      { via: 'user', name: 'home', document: personal },
      { via: 'group coding-leads', name: 'dashboards', document: doc(st({ actions: ['cloudwatch:GetDashboard'], resources: ['*'] })) },
    ];
    const q = { action: 's3:GetObject', resource: `${BUCKET}/home/jdoe/notes.txt` };
    expect(effectiveAccess(jdoe, policies)(q).allowed).toBe(true);
    expect(effectiveAccess(rpatel, policies)(q)).toEqual({ allowed: false, grantedBy: [], assumedConditions: [] });
  });

  test('answers are personal when a condition value holds a policy variable', () => {
    const policies = [{ via: 'user', name: 'list-home', document: doc(st({ actions: ['s3:ListBucket'], resources: [BUCKET], conditions: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } })) }];
    const q = { action: 's3:ListBucket', resource: BUCKET, context: { 's3:prefix': 'home/jdoe/' } };
    expect(effectiveAccess(jdoe, policies)(q).allowed).toBe(true);
    expect(effectiveAccess(rpatel, policies)(q).allowed).toBe(false);
  });

  test("a question's context is part of its answer, even when its keys and values run together", () => {
    const ask = effectiveAccess(jdoe, [{ via: 'user', name: 'list-cardiology', document: doc(st({ actions: ['s3:ListBucket'], resources: [BUCKET], conditions: { StringEquals: { 's3:prefix': 'cardiology/' } } })) }]);
    const list = (context?: Record<string, string>) => ask({ action: 's3:ListBucket', resource: BUCKET, ...(context ? { context } : {}) }).allowed;
    expect(list({ 's3:prefix': 'cardiology/', 'iam:PassedToService': 'ec2.amazonaws.com' })).toBe(true);
    // An S3 prefix may hold any character: this one spells out the question above.
    expect(list({ 's3:prefix': 'cardiology/iam:PassedToService,ec2.amazonaws.com' })).toBe(false);
    expect(list({ 's3:prefix': 'orthopedics/' })).toBe(false);
    expect(list()).toBe(false);
  });

  test('the cache holds at most 10,000 policy sets: the next one starts it afresh', () => {
    jest.isolateModules(() => {
      const { effectiveAccess: fresh } = require('../../../checks/rules/effective-access') as typeof import('../../../checks/rules/effective-access');
      const q = { action: 's3:GetObject', resource: `${BUCKET}/cardiology/P1/a.pdf` };
      const set = (n: number) => [{ via: 'user', name: `set-${n}`, document: specialty('cardiology') }];
      const first = fresh(jdoe, set(0))(q);
      for (let n = 1; n < 10_000; n += 1) fresh(jdoe, set(n));
      expect(fresh(rpatel, set(0))(q)).toBe(first);
      fresh(jdoe, set(10_000));
      const again = fresh(rpatel, set(0))(q);
      expect(again).not.toBe(first);
      expect(again).toEqual(first);
    });
  });

  test('an action no Allow could cover is denied without evaluating the policies, and matched against them once', () => {
    const policies = [{ via: 'user', name: 'phi-no-iam', document: doc(st({ actions: ['s3:GetObject', 's3:PutObject'], resources: [`${BUCKET}/*`] }), st({ effect: 'Deny', actions: ['iam:*'], resources: ['*'] })) }];
    const evaluated = jest.spyOn(decision, 'effectApplies');
    const matched = jest.spyOn(actionMatch, 'actionMatches');
    try {
      const ask = effectiveAccess(jdoe, policies);
      const q = { action: 'iam:CreateAccessKey', resource: 'arn:aws:iam::111122223333:user/opsadmin' };
      expect(ask(q)).toEqual({ allowed: false, grantedBy: [], assumedConditions: [] });
      const matches = matched.mock.calls.length;
      expect(matches).toBeGreaterThan(0);
      expect(effectiveAccess(rpatel, policies)(q).allowed).toBe(false);
      expect(matched.mock.calls.length).toBe(matches);
      expect(evaluated).not.toHaveBeenCalled();
      // What an Allow could cover is evaluated.
      expect(ask({ action: 's3:GetObject', resource: `${BUCKET}/cardiology/P1/a.pdf` }).allowed).toBe(true);
      expect(evaluated).toHaveBeenCalled();
    } finally {
      evaluated.mockRestore();
      matched.mockRestore();
    }
  });
});
