import type { Finding } from '../report-model';
import { daysBetween } from '../checklist/dates';
import { noticesDue } from './breach-deadlines';
import type { CheckDefinition } from './context';

/** A notice due within this many days is a warning. */
export const DUE_SOON_DAYS = 10;

/**
 * The breach clock: every notice of every incident in the register that was not sent, overdue
 * (high) or due within 10 days (medium). No incidents: nothing to examine.
 */
export const breachNotification: CheckDefinition = {
  check: 'breach-notification',
  needs: ['register'],
  registerSections: ['incidents'],
  run({ register }, ctx) {
    const known = register.incidents?.filter((i) => i.discoveredOn <= ctx.asOfDate) ?? [];
    return known.flatMap((incident) =>
      noticesDue(incident).flatMap((n): Finding[] => {
        if (n.sentOn !== undefined) return [];
        const left = daysBetween(ctx.asOfDate, n.deadline);
        if (left > DUE_SOON_DAYS) return [];
        const overdue = left < 0;
        return [
          {
            check: 'breach-notification',
            rule: overdue ? 'notification-overdue' : 'notification-due-soon',
            principal: incident.id,
            severity: overdue ? 'high' : 'medium',
            summary: overdue
              ? `Incident ${incident.id}: notice to ${n.to} was due ${n.deadline} (${-left} day${left === -1 ? '' : 's'} ago) and is not on record: send it now and record the date.`
              : `Incident ${incident.id}: notice to ${n.to} is due ${n.deadline} (in ${left} day${left === 1 ? '' : 's'}): send it and record the date.`,
            evidence: { notice: n.notice, deadline: n.deadline, rule: n.rule, discoveredOn: incident.discoveredOn, individualsAffected: incident.individualsAffected },
          },
        ];
      }),
    );
  },
};
