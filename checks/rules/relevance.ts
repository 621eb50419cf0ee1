import type { CodingEnvConfig } from '../../lib/config/schema';
import type { AuditEvent } from '../model/events';
import { phiAnomalies } from './access-anomaly';
import type { WatchListEntry } from '../register/watch-list';
import type { RegisterResult } from '../register/load';
import { aiCall, disablesAiLogging } from './ai-services';
import { tamperRule } from './audit-integrity';
import { outsideNetwork } from './context';
import { streamingForAnother } from './streaming-identity';
import { watchedAccess } from './watch-list';

/**
 * The events some rule may read: IAM users' sign-ins, long-term-key calls, anomalous PHI data
 * events, calls from outside the allowed networks, AI-service calls, Bedrock logging changes, and
 * any access to a watched patient's records (`watchList`, from the register). Everything else (roles, AWS services,
 * hidden failed sign-ins, ordinary in-network calls, routine PHI access) is dropped while
 * loading, so memory follows principals and anomalies rather than event count. Kept besides:
 * tampering with the trail by anyone, root sign-ins, leavers' events, calls through another
 * account's VPC endpoint, workstation URLs made for another user id.
 */
export function relevantEvents(config: CodingEnvConfig, watchList?: readonly WatchListEntry[]): (e: AuditEvent) => boolean {
  const outside = outsideNetwork(config);
  const phi = phiAnomalies(config);
  const watched = watchedAccess(config.storage.phiBucketName, watchList);
  // Anyone who left (on any as-of date): their every event may be a use after departure.
  const leavers = new Set(config.people.filter((p) => p.status === 'departed' || p.endDate !== undefined).map((p) => p.id));
  return (e) => {
    // Tampering with the trail, by anyone: roles and root included (audit-integrity); Bedrock logging off; watched records.
    if (tamperRule(e) !== undefined || disablesAiLogging(e) || watched(e) !== undefined) return true;
    if (e.eventName === 'ConsoleLogin' && e.identityType === 'Root') return true;
    if (e.identityType !== 'IAMUser' || e.userName === undefined) return false;
    if (e.eventName === 'ConsoleLogin' || e.accessKeyId?.startsWith('AKIA') || outside(e.sourceIp) || aiCall(e) !== undefined) return true;
    if (streamingForAnother(e) || leavers.has(e.userName) || (e.vpcEndpointAccountId !== undefined && e.vpcEndpointAccountId !== e.account)) return true;
    const anomaly = phi(e);
    return anomaly !== undefined && (anomaly.offSpecialty !== undefined || anomaly.afterHours);
  };
}

/**
 * The events an audit keeps with this register: `relevantEvents` with the register's watch list.
 * A register unusable as a whole watches nobody (its checklist items are `error` instead). The CLI
 * and the example report both load through this, so they cannot keep different events.
 */
export function auditRelevantEvents(config: CodingEnvConfig, register: RegisterResult): (e: AuditEvent) => boolean {
  return relevantEvents(config, register.ok ? register.register.watchList : undefined);
}
