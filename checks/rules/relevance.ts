import type { CodingEnvConfig } from '../../lib/config/schema';
import type { AuditEvent } from '../model/events';
import { phiAnomalies } from './access-anomaly';
import { outsideNetwork } from './context';

/**
 * The events some rule may read: IAM users' sign-ins, long-term-key calls, anomalous PHI data
 * events, and calls from outside the allowed networks. Everything else (roles, AWS services,
 * hidden failed sign-ins, ordinary in-network calls, routine PHI access) is dropped while
 * loading, so memory follows principals and anomalies rather than event count.
 */
export function relevantEvents(config: CodingEnvConfig): (e: AuditEvent) => boolean {
  const outside = outsideNetwork(config);
  const phi = phiAnomalies(config);
  return (e) => {
    if (e.identityType !== 'IAMUser' || e.userName === undefined) return false;
    if (e.eventName === 'ConsoleLogin' || e.accessKeyId?.startsWith('AKIA') || outside(e.sourceIp)) return true;
    const anomaly = phi(e);
    return anomaly !== undefined && (anomaly.offSpecialty !== undefined || anomaly.afterHours);
  };
}
