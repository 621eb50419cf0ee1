import type { CodingEnvConfig } from '../../lib/config/schema';
import type { AuditEvent } from '../model/events';
import { allowedNetwork, ipVersion } from './context';

/**
 * The events some rule may read: IAM users' calls that are sign-ins, long-term-key calls,
 * PHI data events, or calls from outside the allowed networks. Everything else (roles, AWS
 * services, hidden failed sign-ins, ordinary in-network calls) is dropped while loading.
 */
export function relevantEvents(config: CodingEnvConfig): (e: AuditEvent) => boolean {
  const allowed = allowedNetwork(config);
  const bucket = config.storage.phiBucketName;
  return (e) => {
    if (e.identityType !== 'IAMUser' || e.userName === undefined) return false;
    if (e.eventName === 'ConsoleLogin' || e.accessKeyId?.startsWith('AKIA') || e.bucket === bucket) return true;
    const v = ipVersion(e.sourceIp);
    return v !== undefined && !allowed.check(e.sourceIp, v);
  };
}
