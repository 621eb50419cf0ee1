import type { CredentialReport } from '../model/credentials';
import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { type CheckDefinition, sample } from './context';
import { groupBy } from './group-by';

/**
 * Person authentication (45 CFR 164.312(d)): console passwords without an MFA device, and
 * console sign-ins made without MFA. Every IAM user counts (people, service accounts, leavers,
 * unknown users): a password without MFA is one guess from PHI whoever holds it.
 */
export const authentication: CheckDefinition = {
  check: 'authentication',
  needs: ['credentialReport', 'events'],
  run({ credentialReport, events }) {
    return [...consoleWithoutMfa(credentialReport), ...signInWithoutMfa(events)];
  },
};

function consoleWithoutMfa(report: CredentialReport): Finding[] {
  return report.users
    .filter((u) => u.passwordEnabled && !u.mfaActive)
    .map((u) => ({
      check: 'authentication',
      rule: 'console-without-mfa',
      principal: u.user,
      severity: 'high',
      summary: `${u.user} has a console password and no MFA device: have them enroll one before their next sign-in, or remove the password.`,
      evidence: { arn: u.arn, passwordLastUsed: u.passwordLastUsed === 'never' ? null : u.passwordLastUsed, mfaActive: false },
    }));
}

/**
 * Successful `ConsoleLogin`s of IAM users (and the root account) with `MFAUsed` = `No`. Federated
 * sign-ins (`AssumedRole`) are left out: their MFA happens at the identity provider, and
 * CloudTrail writes `No` for them regardless.
 */
function signInWithoutMfa(events: readonly AuditEvent[]): Finding[] {
  const offending = events.filter(
    (e) => e.eventName === 'ConsoleLogin' && e.success && e.mfaUsed === 'No' && (e.identityType === 'Root' || (e.identityType === 'IAMUser' && e.userName !== undefined)),
  );
  const byUser = groupBy(offending, (e) => principalOf(e));
  return [...byUser.entries()].map(([principal, list]): Finding => {
    const first = list[0];
    const times = list.length === 1 ? `on ${first.time}` : `${list.length} times (first ${first.time})`;
    return {
      check: 'authentication',
      rule: 'sign-in-without-mfa',
      principal,
      severity: 'high',
      summary: `${principal} signed in to the console without MFA ${times}: ask whether it was them, and require MFA for the account.`,
      evidence: {
        count: list.length,
        first: first.time,
        last: list[list.length - 1].time,
        events: sample(list).map((e) => ({ eventId: e.id, time: e.time, sourceIp: e.sourceIp, userAgent: e.userAgent })),
      },
    };
  });
}

/** The credential report's name for the root account; IAM users by name. */
function principalOf(e: AuditEvent): string {
  return e.identityType === 'Root' ? '<root_account>' : (e.userName as string);
}
