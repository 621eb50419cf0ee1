import type { Incident } from '../register/incidents';

/** A notice the breach rules require, and by when (calendar days from discovery). */
export interface NoticeDue {
  /** `individuals`, `hhs`, `media:FL`, `state:FL`. */
  readonly notice: string;
  /** Who is told, in an officer's words. */
  readonly to: string;
  readonly deadline: string;
  readonly rule: string;
  /** When it was sent, if it was. */
  readonly sentOn?: string;
}

/** 500 or more affected: HHS and the media at once (164.406, 164.408(b)), Florida's DLA (501.171(3)). */
export const LARGE_BREACH = 500;

/** YYYY-MM-DD plus some calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Every notice an incident requires, with its deadline (45 CFR 164.404-164.408, Fla. Stat. 501.171). */
export function noticesDue(incident: Incident): NoticeDue[] {
  const { discoveredOn, individualsAffected, residents, notified } = incident;
  const due: NoticeDue[] = [];
  if (individualsAffected > 0) {
    due.push({ notice: 'individuals', to: 'the affected individuals', deadline: addDays(discoveredOn, 60), rule: '45 CFR 164.404(b): within 60 days of discovery', sentOn: notified.individuals });
  }
  const large = individualsAffected >= LARGE_BREACH;
  due.push({
    notice: 'hhs',
    to: 'the HHS Secretary',
    deadline: large ? addDays(discoveredOn, 60) : addDays(`${discoveredOn.slice(0, 4)}-12-31`, 60),
    rule: large ? '45 CFR 164.408(b): 500 or more affected, within 60 days of discovery' : '45 CFR 164.408(c): fewer than 500, within 60 days after the end of the calendar year of discovery',
    sentOn: notified.hhs,
  });
  for (const [state, count] of Object.entries(residents).sort(([a], [b]) => a.localeCompare(b))) {
    if (count < LARGE_BREACH) continue;
    due.push({ notice: `media:${state}`, to: `prominent media outlets in ${state}`, deadline: addDays(discoveredOn, 60), rule: `45 CFR 164.406: ${count} residents of ${state}, within 60 days of discovery`, sentOn: notified.media[state] });
    if (state === 'FL') {
      due.push({ notice: 'state:FL', to: "Florida's Department of Legal Affairs", deadline: addDays(discoveredOn, 30), rule: `Fla. Stat. 501.171(3): ${count} Florida residents, within 30 days of discovery`, sentOn: notified.states.FL });
    }
  }
  return due;
}
