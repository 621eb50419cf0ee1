import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { type CheckDefinition, networkOrigin, outsideNetwork, peopleById, sample, serviceAccountNames } from './context';
import { groupBy } from './group-by';

/**
 * Calls made by people's and service accounts' IAM users from an address outside the VPN egress,
 * the VPN client range and the VPC, and not through a VPC endpoint; or through a VPC endpoint
 * that another account owns (`vpcEndpointAccountId` is not `recipientAccountId`): such a request
 * came from someone else's network, whatever its private address. One finding per user and origin.
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
      if (e.identityType !== 'IAMUser') return false;
      // Stryker disable next-line ConditionalExpression: a record without a user name is in neither list either; the guard is for the type checker.
      if (e.userName === undefined) return false;
      if (!people.has(e.userName) && !services.has(e.userName)) return false;
      if (!fromClient(e)) return false;
      if (foreignEndpoint(e)) return true;
      return e.vpcEndpointId === undefined && outside(e.sourceIp);
    });
    // An offending call names an endpoint only when another account owns it (the filter above).
    const groups = groupBy(offending, (e) => JSON.stringify([e.userName, e.sourceIp, e.vpcEndpointId]));
    return [...groups.values()].map((list): Finding => {
      const first = list[0];
      const user = first.userName as string;
      const calls = `${list.length} call${list.length === 1 ? '' : 's'}`;
      const endpoint = foreignEndpoint(first) ? { vpcEndpointId: first.vpcEndpointId, vpcEndpointAccountId: first.vpcEndpointAccountId } : {};
      const where = foreignEndpoint(first)
        ? `through VPC endpoint ${first.vpcEndpointId} of another account (${first.vpcEndpointAccountId}), from ${first.sourceIp}`
        : `from ${first.sourceIp}, outside the VPN and office networks`;
      return {
        check: 'vpn-bypass',
        rule: 'outside-network',
        principal: user,
        severity: 'high',
        summary: `${user} made ${calls} ${where} (first ${first.time}, ${first.eventName}): find out how the request left the VPN.`,
        evidence: { sourceIp: first.sourceIp, ...endpoint, count: list.length, first: first.time, last: list[list.length - 1].time, events: sample(list).map(brief) },
      };
    });
  },
};

/** Through a VPC endpoint owned by an account other than the one whose trail logged the call. */
function foreignEndpoint(e: AuditEvent): boolean {
  return e.vpcEndpointId !== undefined && e.vpcEndpointAccountId !== undefined && e.account !== undefined && e.vpcEndpointAccountId !== e.account;
}

function brief(e: AuditEvent) {
  return { eventId: e.id, time: e.time, eventName: e.eventName, userAgent: e.userAgent };
}
