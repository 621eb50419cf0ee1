import type { Register } from '../register/schema';
import { latest, staleness } from '../checklist/dates';

/** A BAA stays current for a year after it was signed or last reviewed (checklist item 2). */
export const BAA_REVIEW_DAYS = 365;

/**
 * Why a vendor has no current BAA on the as-of day, or undefined when it has one: signed on or
 * before that day and reviewed (or signed) within 365 days. One definition for the checklist
 * and the ai-use check.
 */
export function baaProblem(vendor: string, baas: Register['baas'], asOfDate: string): string | undefined {
  const mine = baas?.filter((b) => b.vendor === vendor && b.signedOn <= asOfDate) ?? [];
  if (mine.length === 0) return `no BAA signed on or before ${asOfDate} on record`;
  const reviewed = latest(mine.map((b) => b.reviewedOn ?? b.signedOn)) as string;
  const why = staleness(reviewed, asOfDate, BAA_REVIEW_DAYS);
  return why ? `BAA last reviewed ${why}` : undefined;
}
