import { z } from 'zod';
import { friendlyErrors, InputError, toFieldIssues } from '../../lib/config/load';
import type { Finding } from '../report-model';
import { type PhiAccess, phiAccessSchema } from './phi-access';
import { seededSample } from './sample';
import { assertTimeZone, startOfDayInZone } from './zoned-time';

/**
 * The weekly audit-log review worksheet (checklist item 4, 45 CFR 164.308(a)(1)(ii)(D)): the
 * access-anomaly findings of the week and a reproducible random sample of PHI accesses, for a
 * reviewer to look at, annotate and sign. Pure: the caller reads the evidence and the findings.
 */

export const DEFAULT_SAMPLE_SIZE = 25;

const SECTION_RULES: readonly string[] = ['after-hours', 'out-of-specialty'];

/** The reviewed week: `from` inclusive, `to` exclusive, ISO instants. */
export interface ReviewWeek {
  readonly from: string;
  readonly to: string;
}

export interface WorksheetOptions {
  readonly week: ReviewWeek;
  /** @default 25 */
  readonly sampleSize?: number;
  /**
   * Seed of the random sample; the same seed and records give the same sample.
   * @default - derived from the week: `log-review <from>/<to>`
   */
  readonly seed?: string;
  /** @default - none shown */
  readonly organization?: string;
  /**
   * IANA zone the worksheet shows times in: `organization.timezone`, where business hours are judged.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Local days (YYYY-MM-DD) of the week without a single CloudTrail event in the evidence.
   * @default - none known
   */
  readonly daysWithoutEvents?: readonly string[];
}

/** One PHI access of a finding of the week (a finding over several accesses gives one row each). */
export interface AnomalyEntry {
  readonly finding: Finding;
  /** The access, when it is among the week's records. */
  readonly access?: PhiAccess;
  /** What the finding's evidence says of the event, when the access is not among the records. */
  readonly event?: { readonly eventId: string; readonly time?: string; readonly outcome?: 'allowed' | 'denied' };
  /** On a finding's first row: its accesses not listed in its evidence (the rule keeps a sample). */
  readonly unlisted?: number;
}

export interface ReviewWorksheet {
  readonly organization?: string;
  readonly timeZone: string;
  readonly week: ReviewWeek;
  readonly seed: string;
  /** Unique PHI accesses in the week (the population the sample is drawn from). */
  readonly accessesInWeek: number;
  /** Records offered but outside the week, and repeated event ids: counted, never silently dropped. */
  readonly outsideWeek: number;
  readonly duplicates: number;
  readonly afterHours: readonly AnomalyEntry[];
  readonly outOfSpecialty: readonly AnomalyEntry[];
  /** Access-anomaly findings of rules added after these two: listed, not lost. */
  readonly otherAnomalies: readonly AnomalyEntry[];
  /** Accesses to watched patients' records (register `watchList`), each a watch-list finding of the week. */
  readonly watchedRecords: readonly AnomalyEntry[];
  /** AI-attestation findings of the week (unattested codes, non-coder attestations, rubber stamps). */
  readonly aiAttestation: readonly AnomalyEntry[];
  /** Anomaly findings dated outside the week, left to the review of their own week. */
  readonly findingsOutsideWeek: number;
  readonly sample: readonly PhiAccess[];
  /** Local days without any CloudTrail event: their accesses are unknown, never "0". */
  readonly daysWithoutEvents: readonly string[];
}

const optionsSchema = z.strictObject({
  week: z
    .strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
    .refine((w) => Date.parse(w.from) < Date.parse(w.to), { error: 'from must be before to', path: ['to'] }),
  sampleSize: z.number().int().min(0).optional(),
  seed: z.string().min(1).optional(),
  organization: z.string().optional(),
  timeZone: z.string().min(1).optional(),
  daysWithoutEvents: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).optional(),
});

/** The seven local days ending with `date` (YYYY-MM-DD) in `timeZone`, as a review week. */
export function weekEndingOn(date: string, timeZone = 'UTC'): ReviewWeek {
  const end = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(end)) throw new InputError('week', [{ path: 'weekEnding', message: 'must be a date YYYY-MM-DD' }]);
  checkTimeZone(timeZone);
  const day = 24 * 60 * 60 * 1000;
  const localDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    from: startOfDayInZone(localDate(end - 6 * day), timeZone).toISOString(),
    to: startOfDayInZone(localDate(end + day), timeZone).toISOString(),
  };
}

function checkTimeZone(timeZone: string): void {
  try {
    assertTimeZone(timeZone);
  } catch {
    throw new InputError('week', [{ path: 'timeZone', message: `not an IANA time zone: ${JSON.stringify(timeZone)}` }]);
  }
}

export function defaultSeed(week: ReviewWeek): string {
  return `log-review ${week.from}/${week.to}`;
}

export function buildWorksheet(accesses: readonly PhiAccess[], findings: readonly Finding[], options: WorksheetOptions): ReviewWorksheet {
  const opts = parse(optionsSchema, options, 'options');
  const timeZone = opts.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  const records = parse(z.array(phiAccessSchema), accesses, 'accesses');
  const from = Date.parse(opts.week.from);
  const to = Date.parse(opts.week.to);
  const inWeek = (time: string) => Date.parse(time) >= from && Date.parse(time) < to;

  const byId = new Map<string, PhiAccess>();
  let duplicates = 0;
  let outsideWeek = 0;
  for (const access of records) {
    if (!inWeek(access.time)) outsideWeek++;
    else if (byId.has(access.eventId)) duplicates++;
    else byId.set(access.eventId, access);
  }
  // Canonical order, so the sample does not depend on the order records were read in.
  const population = [...byId.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.eventId.localeCompare(b.eventId));
  const seed = opts.seed ?? defaultSeed(opts.week);

  const anomalies = findings.filter((f) => f.check === 'access-anomaly');
  const entries = anomalies.flatMap((finding) => entriesOf(finding, byId));
  const entryTime = (e: AnomalyEntry) => e.access?.time ?? e.event?.time ?? stringField(e.finding.evidence, 'time');
  const inWeekEntries = entries.filter((e) => {
    const time = entryTime(e);
    // A finding with no time cannot be placed in a week: show it rather than lose it.
    return time === undefined || Number.isNaN(Date.parse(time)) || inWeek(time);
  });
  // Undated findings last; instants compared as instants, whatever their offset.
  const at = (e: AnomalyEntry) => Date.parse(entryTime(e) ?? '') || Number.MAX_SAFE_INTEGER;
  const byTime = (a: AnomalyEntry, b: AnomalyEntry) => at(a) - at(b) || a.finding.principal.localeCompare(b.finding.principal);

  return {
    organization: opts.organization,
    timeZone,
    week: opts.week,
    seed,
    accessesInWeek: population.length,
    outsideWeek,
    duplicates,
    afterHours: inWeekEntries.filter((e) => e.finding.rule === 'after-hours').sort(byTime),
    outOfSpecialty: inWeekEntries.filter((e) => e.finding.rule === 'out-of-specialty').sort(byTime),
    otherAnomalies: inWeekEntries.filter((e) => !SECTION_RULES.includes(e.finding.rule)).sort(byTime),
    findingsOutsideWeek: entries.length - inWeekEntries.length,
    // The watch-list and attestation checks ran over the week already: their findings are the week's.
    watchedRecords: findings.filter((f) => f.check === 'watch-list').map((finding) => ({ finding })),
    aiAttestation: findings.filter((f) => f.check === 'ai-attestation').map((finding) => ({ finding })),
    sample: seededSample(population, opts.sampleSize ?? DEFAULT_SAMPLE_SIZE, seed),
    daysWithoutEvents: opts.daysWithoutEvents ?? [],
  };
}

/** One row per event of the finding: its `events` (the rule's sample) or its single `eventId`. */
function entriesOf(finding: Finding, byId: ReadonlyMap<string, PhiAccess>): AnomalyEntry[] {
  const listed = Array.isArray(finding.evidence.events) ? (finding.evidence.events as unknown[]) : [];
  const events = listed
    .map((x) => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {}))
    .filter((x) => typeof x.eventId === 'string')
    .map((x) => ({
      eventId: x.eventId as string,
      ...(typeof x.time === 'string' ? { time: x.time } : {}),
      ...(typeof x.success === 'boolean' ? { outcome: x.success ? ('allowed' as const) : ('denied' as const) } : {}),
    }));
  const single = stringField(finding.evidence, 'eventId') ?? stringField(finding.evidence, 'eventID');
  if (events.length === 0 && single !== undefined) events.push({ eventId: single, ...(stringField(finding.evidence, 'time') ? { time: stringField(finding.evidence, 'time') as string } : {}) });
  if (events.length === 0) return [{ finding }];
  const count = typeof finding.evidence.count === 'number' ? finding.evidence.count : events.length;
  return events.map((event, i) => {
    const access = byId.get(event.eventId);
    return { finding, ...(access ? { access } : { event }), ...(i === 0 && count > events.length ? { unlisted: count - events.length } : {}) };
  });
}

function stringField(evidence: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = evidence[name];
  return typeof value === 'string' ? value : undefined;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, source: string): T {
  const result = schema.safeParse(value, friendlyErrors);
  if (!result.success) throw new InputError(source, toFieldIssues(result.error));
  return result.data;
}
