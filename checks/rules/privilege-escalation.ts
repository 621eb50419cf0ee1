import type { Person } from '../../lib/config/schema';
import type { AuthorizationDetails } from '../model/iam';
import type { Finding } from '../report-model';
import { type AccessEvaluator, nearAdminNotAction, type PolicySource } from './effective-access';

/** Services that run code with a passed role: passing them a role is acting as that role. */
export const COMPUTE_SERVICES = [
  'lambda.amazonaws.com',
  'ec2.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'glue.amazonaws.com',
  'cloudformation.amazonaws.com',
  'codebuild.amazonaws.com',
  'sagemaker.amazonaws.com',
  'states.amazonaws.com',
  'elasticmapreduce.amazonaws.com',
  'batch.amazonaws.com',
] as const;

/** Names no real entity has: a policy that reaches them reaches any entity of the kind. */
const ANY = 'coding-env-audit-probe';

const PASSED_TO_COMPUTE = COMPUTE_SERVICES.map((service) => ({ 'iam:PassedToService': service }));

interface Targets {
  readonly other: string;
  readonly groups: readonly string[];
  readonly roles: readonly string[];
  readonly managed: readonly string[];
}
/** The account's groups, roles and customer-managed policies as ARNs, once per export. */
const targets = new WeakMap<AuthorizationDetails, Map<string, Targets>>();
function targetsOf(details: AuthorizationDetails, account: string): Targets {
  const byAccount = targets.get(details) ?? new Map<string, Targets>();
  targets.set(details, byAccount);
  let t = byAccount.get(account);
  // Stryker disable next-line ConditionalExpression: rebuilding gives the same targets; the memo only spares thousands of people the work.
  if (!t) {
    const arn = (kind: string, name: string) => `arn:aws:iam::${account}:${kind}/${name}`;
    t = {
      other: arn('user', `${ANY}-other-user`),
      groups: [...new Set([...details.groups.map((g) => g.name), `${ANY}-group`])].map((g) => arn('group', g)),
      roles: [...new Set([...details.roles.map((r) => r.name), `${ANY}-role`])].map((r) => arn('role', r)),
      managed: [...new Set(details.policies.filter((p) => !p.arn.startsWith('arn:aws:iam::aws:')).map((p) => p.arn)), arn('policy', ANY)],
    };
    byAccount.set(account, t);
  }
  return t;
}

/**
 * privilege-creep `privilege-escalation`: a person who is not an admin may change IAM
 * permissions or credentials, which turns any access into all access (45 CFR 164.308(a)(4),
 * 164.312(a)(1)). Asked of the evaluator on the person's own user, another user, the groups and
 * roles of the account and any policy; plus `Allow` + `NotAction` on every resource.
 */
export function privilegeEscalation(person: Person, userName: string, evaluate: AccessEvaluator, policies: readonly PolicySource[], details: AuthorizationDetails, account: string): Finding[] {
  if (person.role === 'admin') return [];
  const arn = (kind: string, name: string) => `arn:aws:iam::${account}:${kind}/${name}`;
  const self = arn('user', userName);
  const { other, groups, roles, managed } = targetsOf(details, account);

  const capabilities: { capability: string; grantedBy: readonly string[] }[] = [];
  // The first allowed question proves the capability; the rest are not asked.
  const ask = (capability: string, actions: readonly string[], resources: readonly string[], contexts: readonly (Record<string, string> | undefined)[] = [undefined]) => {
    for (const action of actions) {
      for (const resource of resources) {
        for (const context of contexts) {
          const v = evaluate(context ? { action, resource, context } : { action, resource });
          if (v.allowed) {
            capabilities.push({ capability, grantedBy: v.grantedBy });
            return;
          }
        }
      }
    }
  };

  ask('change their own or another user\'s policies', ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'], [self, other]);
  ask('change a group\'s policies', ['iam:PutGroupPolicy', 'iam:AttachGroupPolicy'], groups);
  ask('add users to a group', ['iam:AddUserToGroup'], groups);
  ask('change a role\'s policies or trust', ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRolePermissionsBoundary'], roles);
  ask('rewrite a managed policy', ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], managed);
  ask('create keys or passwords for another user', ['iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], [other]);
  ask('pass a role to a compute service', ['iam:PassRole'], roles, PASSED_TO_COMPUTE);
  const notAction = policies.filter((p) => p.document.statements.some(nearAdminNotAction));
  if (notAction.length > 0) capabilities.push({ capability: 'do nearly everything (Allow with NotAction on every resource)', grantedBy: notAction.map((p) => `${p.via}: ${p.name}`) });

  if (capabilities.length === 0) return [];
  const through = [...new Set(capabilities.flatMap((c) => c.grantedBy))];
  return [
    {
      check: 'privilege-creep',
      rule: 'privilege-escalation',
      principal: userName,
      severity: 'high',
      summary: `${userName} (role ${person.role}) can ${capabilities.map((c) => c.capability).join('; ')}, through ${through.join('; ')}: remove these permissions; only platform admins change IAM.`,
      evidence: { capabilities: capabilities.map((c) => ({ capability: c.capability, grantedBy: [...c.grantedBy] })) },
    },
  ];
}
