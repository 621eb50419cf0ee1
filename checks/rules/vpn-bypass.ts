import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { type CheckDefinition, networkOrigin, outsideNetwork, peopleById, sample, serviceAccountNames } from './context';
import { groupBy } from './group-by';

/**
 * Calls made by people's and service accounts' IAM users from an address outside the VPN egress,
 * the VPN client range and the VPC, and not through a VPC endpoint. One finding per user and address.
 */
export const vpnBypass: CheckDefinition = {
  check: 'vpn-bypass',
  needs: ['events'],
  run({ events }, ctx) {
    const people = peopleById(ctx.config);
    const services = serviceAccountNames(ctx.config);
    const outside = outsideNetwork(ctx.config);
    const fromClient = networkOrigin();
    const offending = events.filter((e) => {
      if (e.identityType !== 'IAMUser' || e.userName === undefined) return false;
      if (!people.has(e.userName) && !services.has(e.userName)) return false;
      if (!fromClient(e) || e.vpcEndpointId !== undefined) return false;
      return outside(e.sourceIp);
    });
    const groups = groupBy(offending, (e) => `${e.userName}\u0000${e.sourceIp}`);
    return [...groups.values()].map((list): Finding => {
      const first = list[0];
      const user = first.userName as string;
      return {
        check: 'vpn-bypass',
        rule: 'outside-network',
        principal: user,
        severity: 'high',
        summary: `${user} made ${list.length} call${list.length === 1 ? '' : 's'} from ${first.sourceIp}, outside the VPN and office networks (first ${first.time}, ${first.eventName}): find out how the request left the VPN.`,
        evidence: { sourceIp: first.sourceIp, count: list.length, first: first.time, last: list[list.length - 1].time, events: sample(list).map(brief) },
      };
    });
  },
};

function brief(e: AuditEvent) {
  return { eventId: e.id, time: e.time, eventName: e.eventName, userAgent: e.userAgent };
}
