import { loadConfigFile } from '../../lib/config/load';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { auditWindow } from '../../checks/audit';
import type { AuditWindow } from '../../checks/model/audit-model';
import { type Coverage, computeCoverage } from '../../checks/model/completeness';
import type { CredentialUser } from '../../checks/model/credentials';
import type { AuditEvent } from '../../checks/model/events';
import type { AuthorizationDetails, IamUser, PolicyDocument, PolicyStatement } from '../../checks/model/iam';
import type { AccessQuestion, AccessVerdict } from '../../checks/rules/effective-access';
import type { Person } from '../../lib/config/schema';
import { type CheckDefinition, type CheckInput, ruleContext } from '../../checks/rules/context';
import type { Finding } from '../../checks/report-model';

/** Plain fixtures for the pure rules: the example organisation, as of 2026-11-20 noon UTC. */
export const AS_OF = new Date('2026-11-20T12:00:00Z');
export const config = (): CodingEnvConfig => loadConfigFile('config/coding-env.json');
export const context = (c: CodingEnvConfig = config()) => ruleContext(c, auditWindow(AS_OF, 30));

export function credentialUser(user: string, over: Partial<CredentialUser> = {}): CredentialUser {
  return {
    user,
    arn: `arn:aws:iam::111122223333:user/${user}`,
    createdAt: '2024-01-01T00:00:00+00:00',
    passwordEnabled: true,
    passwordLastUsed: '2026-11-19T10:00:00+00:00',
    mfaActive: true,
    keys: [
      { slot: 1, active: false, lastUsed: 'never' },
      { slot: 2, active: false, lastUsed: 'never' },
    ],
    ...over,
  };
}

let seq = 0;
export function event(over: Partial<AuditEvent> & { time: string }): AuditEvent {
  seq += 1;
  return {
    id: `evt-${seq}`,
    timeMs: Date.parse(over.time),
    identityType: 'IAMUser',
    userName: 'jdoe',
    eventName: 'GetCallerIdentity',
    eventSource: 'sts.amazonaws.com',
    sourceIp: '198.51.100.3',
    userAgent: 'aws-cli/2.18.0',
    success: true,
    ...over,
  };
}

export function iamUser(name: string, over: Partial<IamUser> = {}): IamUser {
  return { name, arn: `arn:aws:iam::111122223333:user/${name}`, createdAt: '2024-01-01T00:00:00Z', groups: [], attached: [], inline: [], ...over };
}

export const emptyAuthorization: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };

export function run(check: CheckDefinition, input: Partial<CheckInput>, c: CodingEnvConfig = config()): Finding[] {
  return check.run({ credentialReport: { users: [], hasKeyLastUsed: true }, authorization: emptyAuthorization, events: [], register: {}, attestations: { sources: [], rows: [] }, ...input }, context(c));
}

export const rules = (findings: readonly Finding[]) => findings.map((f) => `${f.rule}:${f.principal}`);

/** Coverage of a window every day of which held an event. */
export function fullCoverage(window: AuditWindow): Coverage {
  return { ...computeCoverage(window.from, window.to, new Map()), gaps: [] };
}

/** A person of the example config (the test fails loudly if the config lost them). */
export function examplePerson(id: string, c: CodingEnvConfig = config()): Person {
  const p = c.people.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id} in the example config`);
  return p;
}

/** An IAM policy statement: Allow nothing on nothing, unless told otherwise. */
export const statement = (over: Partial<PolicyStatement>): PolicyStatement => ({ effect: 'Allow', actions: [], notActions: [], resources: [], awsPrincipals: [], ...over });
export const policyDocument = (...statements: PolicyStatement[]): PolicyDocument => ({ statements });

/** An evaluator that refuses everything and records each question a rule asks it. */
export function refusingRecorder(): { ask: (q: AccessQuestion) => AccessVerdict; asked: AccessQuestion[] } {
  const asked: AccessQuestion[] = [];
  return { asked, ask: (q) => (asked.push(q), { allowed: false, grantedBy: [], assumedConditions: [] }) };
}

