/**
 * The completeness model (CONTRACT §3a): how whole each kind of evidence was read, and which
 * UTC days of the window the events cover. Plain serialisable data: a check Lambda returns it
 * through Step Functions and the report step merges it, so the scheduled report says `error`
 * wherever the CLI would.
 */

/** What became of one input (InputRecord.status). */
export const INPUT_STATUSES = ['read', 'partial', 'skipped', 'refused', 'ignored'] as const;
export type InputStatus = (typeof INPUT_STATUSES)[number];
/** Statuses that mean the audit did not see the whole input: every check reading its kind is `error`. */
export const INCOMPLETE_STATUSES: ReadonlySet<InputStatus> = new Set(['partial', 'skipped', 'refused']);

/** How one kind of evidence was read. */
export interface EvidenceState {
  /** `whole`: every input read entirely; `partial`: something read, not everything; `unavailable`: nothing usable. */
  readonly state: 'whole' | 'partial' | 'unavailable';
  /** Why it is not whole, each naming its input and position, never quoting its bytes. */
  readonly problems: string[];
}

/** A run of UTC days (YYYY-MM-DD, inclusive) of the window without a single event. */
export interface CoverageGap {
  readonly from: string;
  readonly to: string;
  /** The account, for multi-account evidence. */
  readonly account?: string;
}

/** `report.json` `coverage`: the window and its uncovered days. */
export interface Coverage {
  readonly from: string;
  readonly to: string;
  readonly gaps: CoverageGap[];
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The UTC days that overlap the window [from, to] for a positive length of time (a window
 * ending at 00:00:00Z does not need an event on the day that only its last instant touches).
 */
export function windowDays(from: Date, to: Date): string[] {
  const days: string[] = [];
  const first = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  // `first` is the start of the day holding `from`, so every day from it on overlaps the window.
  for (let start = first; start < to.getTime(); start += DAY_MS) days.push(utcDay(start));
  return days;
}

/**
 * Coverage from the days on which events were seen, per account (`''` when the record names
 * none). One account (or none) gives account-less gaps; several give each account's own.
 * `expected` (multi-account evidence) names accounts that must each be covered: then every gap
 * carries its account, and an expected account without a single event is a gap for every day.
 */
export function computeCoverage(from: Date, to: Date, seen: ReadonlyMap<string, ReadonlySet<string>>, expected?: readonly string[]): Coverage {
  const days = windowDays(from, to);
  const accounts = [...new Set([...seen.keys(), ...(expected ?? [])])].filter((a) => a !== '').sort();
  const gaps: CoverageGap[] = [];
  // No account at all (an organization whose accounts/ is empty, events naming none) is still
  // one view of the window: its gaps are account-less, never none.
  if (accounts.length === 0 || (expected === undefined && accounts.length === 1)) {
    const all = new Set<string>();
    for (const s of seen.values()) for (const d of s) all.add(d);
    gaps.push(...runs(days.filter((d) => !all.has(d))));
  } else {
    for (const account of accounts) {
      const mine = seen.get(account) ?? new Set<string>();
      gaps.push(...runs(days.filter((d) => !mine.has(d))).map((g) => ({ ...g, account })));
    }
  }
  return { from: from.toISOString(), to: to.toISOString(), gaps };
}

/** Consecutive days collapsed into runs. */
function runs(days: readonly string[]): CoverageGap[] {
  const out: { from: string; to: string }[] = [];
  for (const day of days) {
    const last = out[out.length - 1];
    if (last && Date.parse(`${day}T00:00:00Z`) - Date.parse(`${last.to}T00:00:00Z`) === DAY_MS) last.to = day;
    else out.push({ from: day, to: day });
  }
  return out;
}

/**
 * Coverage from several partial views of the same window (the check functions of one scheduled
 * run): a day is a gap when any view lacks it, so merging never hides a gap.
 */
export function mergeCoverage(views: readonly Coverage[]): Coverage | undefined {
  if (views.length === 0) return undefined;
  const byAccount = new Map<string, Set<string>>();
  for (const view of views) {
    for (const gap of view.gaps) {
      const days = byAccount.get(gap.account ?? '') ?? new Set<string>();
      for (let d = Date.parse(`${gap.from}T00:00:00Z`); d <= Date.parse(`${gap.to}T00:00:00Z`); d += DAY_MS) days.add(utcDay(d));
      byAccount.set(gap.account ?? '', days);
    }
  }
  const gaps: CoverageGap[] = [];
  for (const [account, days] of [...byAccount.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    gaps.push(...runs([...days].sort()).map((g) => (account === '' ? g : { ...g, account })));
  }
  return { from: views[0].from, to: views[0].to, gaps };
}

/** Gaps as one line for a check's error: "2026-10-21 to 2026-10-23, 2026-11-02 (account 1111...)". */
export function describeGaps(gaps: readonly CoverageGap[], max = 5): string {
  const shown = gaps.slice(0, max).map((g) => `${g.from === g.to ? g.from : `${g.from} to ${g.to}`}${g.account ? ` (account ${g.account})` : ''}`);
  return `${shown.join(', ')}${gaps.length > max ? ` and ${gaps.length - max} more` : ''}`;
}

/** At most `max` problems in a check's one-line error; `inputs` lists them all. */
export function summarizeProblems(problems: readonly string[], max = 5): string {
  return `${problems.slice(0, max).join('; ')}${problems.length > max ? `; and ${problems.length - max} more (see inputs)` : ''}`;
}
