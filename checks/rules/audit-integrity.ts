import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { type CheckDefinition, sample } from './context';
import { groupBy } from './group-by';

/**
 * The management events that silence, narrow or unprotect the audit trail, its archive, its
 * keys and the environment's guards (CONTRACT §5 audit-integrity), by the service that logs
 * them: `UpdateStack` is AppStream's here, not CloudFormation's.
 */
export const TAMPER_EVENTS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'logging-stopped': { 'cloudtrail.amazonaws.com': ['StopLogging', 'DeleteTrail'] },
  'logging-narrowed': {
    'cloudtrail.amazonaws.com': ['UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'],
    'ec2.amazonaws.com': ['DeleteFlowLogs'],
    'logs.amazonaws.com': ['DeleteLogGroup', 'PutRetentionPolicy', 'DeleteRetentionPolicy'],
  },
  'retention-weakened': {
    's3.amazonaws.com': ['PutObjectLockConfiguration', 'PutBucketLifecycle', 'PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle', 'PutBucketVersioning'],
  },
  'key-disabled': { 'kms.amazonaws.com': ['DisableKey', 'ScheduleKeyDeletion', 'DisableKeyRotation', 'PutKeyPolicy'] },
  'protection-removed': {
    's3.amazonaws.com': ['PutBucketPolicy', 'DeleteBucketPolicy', 'DeletePublicAccessBlock', 'PutPublicAccessBlock'],
    'ec2.amazonaws.com': ['ModifyClientVpnEndpoint', 'AuthorizeClientVpnIngress', 'CreateClientVpnRoute'],
    'appstream.amazonaws.com': ['UpdateStack', 'UpdateFleet'],
    'iam.amazonaws.com': ['UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy'],
  },
};

const SUMMARY: Record<string, string> = {
  'logging-stopped': 'stopping or deleting the trail',
  'logging-narrowed': 'narrowing what is logged or how long it is kept',
  'retention-weakened': 'weakening the archive’s lock, lifecycle or versioning',
  'key-disabled': 'disabling or changing an encryption key',
  'protection-removed': 'changing a bucket, VPN, workstation or password guard',
};

// By source, then name: no string is built per event (this runs for every event read).
const RULE_OF = new Map<string, Map<string, string>>();
for (const [rule, bySource] of Object.entries(TAMPER_EVENTS)) {
  for (const [source, names] of Object.entries(bySource)) {
    const byName = RULE_OF.get(source) ?? new Map<string, string>();
    for (const name of names) byName.set(name, rule);
    RULE_OF.set(source, byName);
  }
}

/** The rule a tamper event falls under, or undefined when it is not one. */
export function tamperRule(e: Pick<AuditEvent, 'eventSource' | 'eventName'>): string | undefined {
  return RULE_OF.get(e.eventSource)?.get(e.eventName);
}

/** CloudFormation deploying the stack: a change made through the reviewed template, not tampering. */
const DEPLOYER = 'cloudformation.amazonaws.com';

/**
 * Tampering with the audit trail and its protections, by anyone (users, roles, root). A call
 * that succeeded is high; one that failed or was denied is medium (someone tried). One finding
 * per rule, principal, call and outcome.
 */
export const auditIntegrity: CheckDefinition = {
  check: 'audit-integrity',
  needs: ['events'],
  run({ events }) {
    const hits = events.flatMap((e) => {
      const rule = e.invokedBy === DEPLOYER ? undefined : tamperRule(e);
      return rule === undefined ? [] : [{ rule, e, principal: principalOf(e) }];
    });
    const groups = groupBy(hits, (h) => JSON.stringify([h.rule, h.principal, h.e.eventSource, h.e.eventName, h.e.success]));
    return [...groups.values()].map((list): Finding => {
      const { rule, principal, e: first } = list[0];
      const done = first.success;
      const times = list.length === 1 ? `on ${first.time}` : `${list.length} times (first ${first.time})`;
      return {
        check: 'audit-integrity',
        rule,
        principal,
        severity: done ? 'high' : 'medium',
        summary: done
          ? `${principal} called ${first.eventName} ${times}, ${SUMMARY[rule]}: find out why and restore the stack's settings.`
          : `${principal} tried ${first.eventName} ${times} and was refused (${SUMMARY[rule]}): find out why they tried.`,
        evidence: {
          eventName: first.eventName,
          eventSource: first.eventSource,
          outcome: done ? 'succeeded' : 'failed or denied',
          count: list.length,
          first: first.time,
          last: list[list.length - 1].e.time,
          events: sample(list).map(({ e }) => ({ eventId: e.id, time: e.time, sourceIp: e.sourceIp, ...(e.arn ? { arn: e.arn } : {}) })),
        },
      };
    });
  },
};

/**
 * Who made the call: the root account as the credential report names it (its userName is the
 * account alias, if any), a role by its name (from the session ARN), an IAM user by name (a
 * user's ARN names no role), else the ARN or the identity type.
 */
export function principalOf(e: AuditEvent): string {
  if (e.identityType === 'Root') return '<root_account>';
  const role = e.arn?.match(/:assumed-role\/([^/]+)\//)?.[1];
  return role ?? e.userName ?? e.arn ?? e.identityType;
}
