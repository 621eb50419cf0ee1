import type { AuthorizationDetails, IamGroup, PolicyDocument, PolicyStatement } from '../../../checks/model/iam';
import { effectiveAccess, nearAdminNotAction, UndecidableAccessError } from '../../../checks/rules/effective-access';
import { privilegeCreep } from '../../../checks/rules/privilege-creep';
import { emptyAuthorization, iamUser, run } from '../helpers';

const BUCKET = 'arn:aws:s3:::examplecoding-phi-records';
const st = (over: Partial<PolicyStatement>): PolicyStatement => ({ effect: 'Allow', actions: [], notActions: [], resources: [], awsPrincipals: [], ...over });
const doc = (...statements: PolicyStatement[]): PolicyDocument => ({ statements });
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
