import type { AuthorizationDetails, PolicyStatement } from '../../../checks/model/iam';
import { effectiveAccess, type PolicySource } from '../../../checks/rules/effective-access';
import { COMPUTE_SERVICES, privilegeEscalation } from '../../../checks/rules/privilege-escalation';
import { emptyAuthorization, examplePerson as person, policyDocument as doc, refusingRecorder, statement as st } from '../helpers';

const ACCOUNT = '111122223333';
const trust = doc(st({ actions: ['sts:AssumeRole'], awsPrincipals: [ACCOUNT] }));
// The export: two groups, a deploy role, a customer-managed policy and an AWS managed one.
const details: AuthorizationDetails = {
  ...emptyAuthorization,
  groups: [
    { name: 'coders-orthopedics', attached: [], inline: [] },
    { name: 'coding-leads', attached: [], inline: [] },
  ],
  roles: [{ name: 'coding-env-deploy', arn: `arn:aws:iam::${ACCOUNT}:role/coding-env-deploy`, trustPolicy: trust }],
  policies: [
    { name: 'coders-phi', arn: `arn:aws:iam::${ACCOUNT}:policy/coders-phi` },
    { name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
  ],
};
const escalation = (policies: PolicySource[], id = 'kchen') =>
  privilegeEscalation(person(id), id, effectiveAccess({ userName: id, arn: `arn:aws:iam::${ACCOUNT}:user/${id}`, account: ACCOUNT }, policies), policies, details, ACCOUNT);
const extra = (...statements: PolicyStatement[]): PolicySource[] => [{ via: 'user', name: 'extra', document: doc(...statements) }];
const capabilities = (policies: PolicySource[]) => escalation(policies).flatMap((f) => f.evidence.capabilities);

describe('privilege-escalation: what it asks', () => {
  test("the person's own user, a user no one has, the export's groups and roles and one of each no one has, its customer-managed policies and one no one has", () => {
    const { ask: refuseAll, asked } = refusingRecorder();
    expect(privilegeEscalation(person('kchen'), 'kchen', refuseAll, [], details, ACCOUNT)).toEqual([]);
    const arn = (rest: string) => `arn:aws:iam::${ACCOUNT}:${rest}`;
    const users = [arn('user/kchen'), arn('user/coding-env-audit-probe-other-user')];
    const groups = [arn('group/coders-orthopedics'), arn('group/coding-leads'), arn('group/coding-env-audit-probe-group')];
    const roles = [arn('role/coding-env-deploy'), arn('role/coding-env-audit-probe-role')];
    // AWS managed policies are not asked about: no one but AWS can rewrite them.
    const managed = [arn('policy/coders-phi'), arn('policy/coding-env-audit-probe')];
    const other = [arn('user/coding-env-audit-probe-other-user')];
    const byAction = new Map<string, string[]>();
    for (const q of asked) byAction.set(q.action, [...new Set([...(byAction.get(q.action) ?? []), q.resource])]);
    expect(Object.fromEntries(byAction)).toEqual({
      'iam:PutUserPolicy': users,
      'iam:AttachUserPolicy': users,
      'iam:DeleteUserPermissionsBoundary': users,
      'iam:PutUserPermissionsBoundary': users,
      'iam:PutGroupPolicy': groups,
      'iam:AttachGroupPolicy': groups,
      'iam:AddUserToGroup': groups,
      'iam:PutRolePolicy': roles,
      'iam:AttachRolePolicy': roles,
      'iam:UpdateAssumeRolePolicy': roles,
      'iam:DeleteRolePermissionsBoundary': roles,
      'iam:CreatePolicyVersion': managed,
      'iam:SetDefaultPolicyVersion': managed,
      'iam:CreateAccessKey': other,
      'iam:CreateLoginProfile': other,
      'iam:UpdateLoginProfile': other,
      'iam:PassRole': roles,
    });
    // PassRole is asked once per compute service for each role; nothing else carries a context.
    const passes = asked.filter((q) => q.action === 'iam:PassRole');
    expect(passes.map((q) => `${q.resource} ${q.context?.['iam:PassedToService']}`)).toEqual(roles.flatMap((r) => COMPUTE_SERVICES.map((s) => `${r} ${s}`)));
    expect(asked.filter((q) => q.action !== 'iam:PassRole' && q.context !== undefined)).toEqual([]);
  });
});

describe('privilege-escalation: what it finds', () => {
  test("a grant on one named role of the account is found", () => {
    const onDeploy = extra(st({ actions: ['iam:PutRolePolicy'], resources: [`arn:aws:iam::${ACCOUNT}:role/coding-env-deploy`] }));
    expect(capabilities(onDeploy)).toEqual([{ capability: "change a role's policies or trust", grantedBy: ['user: extra'] }]);
  });
  test('rewriting a customer-managed policy is found; AWS managed policies are no capability (AWS refuses to change them)', () => {
    const rewrite = (resource: string) => extra(st({ actions: ['iam:CreatePolicyVersion'], resources: [resource] }));
    expect(capabilities(rewrite(`arn:aws:iam::${ACCOUNT}:policy/coders-phi`))).toEqual([{ capability: 'rewrite a managed policy', grantedBy: ['user: extra'] }]);
    expect(capabilities(rewrite('arn:aws:iam::aws:policy/*'))).toEqual([]);
  });
  test('a policy with an Allow NotAction on every resource among other statements is near-admin', () => {
    const policy = extra(st({ actions: ['cloudwatch:GetDashboard'], resources: ['*'] }), st({ notActions: ['iam:*', 'organizations:*'], resources: ['*'] }));
    expect(capabilities(policy)).toEqual([{ capability: 'do nearly everything (Allow with NotAction on every resource)', grantedBy: ['user: extra'] }]);
  });
  test('the finding in full: every capability and every policy through which the person has one', () => {
    const policies: PolicySource[] = [
      { via: 'user', name: 'extra', document: doc(st({ actions: ['iam:AddUserToGroup'], resources: [`arn:aws:iam::${ACCOUNT}:group/*`] })) },
      { via: 'group coding-leads', name: 'leads-iam', document: doc(st({ actions: ['iam:CreateLoginProfile'], resources: [`arn:aws:iam::${ACCOUNT}:user/*`] })) },
    ];
    expect(escalation(policies)).toEqual([
      {
        check: 'privilege-creep',
        rule: 'privilege-escalation',
        principal: 'kchen',
        severity: 'high',
        summary: 'kchen (role coder) can add users to a group; create keys or passwords for another user, through user: extra; group coding-leads: leads-iam: remove these permissions; only platform admins change IAM.',
        evidence: {
          capabilities: [
            { capability: 'add users to a group', grantedBy: ['user: extra'] },
            { capability: 'create keys or passwords for another user', grantedBy: ['group coding-leads: leads-iam'] },
          ],
        },
      },
    ]);
  });
});
