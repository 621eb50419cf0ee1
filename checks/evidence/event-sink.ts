import { createHash } from 'node:crypto';
import type { AuditWindow } from '../model/audit-model';
import { type Coverage, computeCoverage, utcDay } from '../model/completeness';
import type { AuditEvent } from '../model/events';
import { normalizeRecord } from './cloudtrail-record';

/** What one input contributed: the counts behind its InputRecord. */
export interface IngestTally {
  records: number;
  bad: number;
  firstProblem?: string;
  /** The input's name, for conflicts between copies of an event in two inputs. */
  source?: string;
}

const DAY_MS = 86_400_000;

/** At most this many conflicts are named one by one; the rest are counted. */
const MAX_NAMED_CONFLICTS = 20;

/**
 * Collects events from every CloudTrail input: inside the window only, de-duplicated by eventID
 * (the same event arrives in S3 files and LookupEvents pages), and only those `keep` says a
 * rule needs, so memory follows principals and the window rather than event count. Every
 * in-window event, kept or not, counts for the window's day-by-day coverage and leaves a short
 * fingerprint of the fields the rules read: a second copy that differs is a conflict (CONTRACT
 * §3a), both copies are kept for the rules (a planted benign copy cannot hide the real one),
 * and both inputs are named.
 */
export class EventSink {
  private readonly byId = new Map<string, AuditEvent>();
  /** Kept copies that conflict with the copy in `byId`. */
  private readonly extra: AuditEvent[] = [];
  /** eventID -> fingerprint and the index of the input it came from. */
  private readonly seen = new Map<string, string>();
  private readonly sources: string[] = [];
  private readonly sourceIndex = new Map<string, number>();
  /** Per account, the UTC days (as day numbers since the epoch: no date formatting per event) holding an event. */
  private readonly days = new Map<string, Set<number>>();
  private readonly conflictList: string[] = [];
  private conflictCount = 0;

  constructor(
    private readonly window: AuditWindow,
    private readonly keep: (event: AuditEvent) => boolean = () => true,
  ) {}

  /** Adds one raw record, the `index`th of its input; `locate` names it in a problem message. */
  add(raw: unknown, index: number, locate: (index: number) => string, tally: IngestTally): void {
    tally.records += 1;
    const result = normalizeRecord(raw);
    if (!result.ok) {
      tally.bad += 1;
      tally.firstProblem ??= `${locate(index)}: ${result.problem}`;
      return;
    }
    const e = withAccount(result.event, tally.source);
    if (e.timeMs < this.window.from.getTime() || e.timeMs > this.window.to.getTime()) return;
    this.countDay(e);
    const fingerprint = `${createHash('sha256').update(JSON.stringify(e)).digest('base64').slice(0, 16)}`;
    const source = this.indexOf(tally.source ?? '(unnamed input)');
    const before = this.seen.get(e.id);
    if (before === undefined) {
      this.seen.set(e.id, `${fingerprint}:${source}`);
      if (this.keep(e)) this.byId.set(e.id, e);
      return;
    }
    const [print, from] = before.split(':');
    if (print === fingerprint) return;
    this.conflict(e.id, this.sources[Number(from)], this.sources[source]);
    if (!this.keep(e)) return;
    if (this.byId.has(e.id)) this.extra.push(e);
    else this.byId.set(e.id, e);
  }

  events(): AuditEvent[] {
    return [...this.byId.values(), ...this.extra].sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Which UTC days of the window hold an event, per account (`expected`: accounts that must each be covered). */
  coverage(expected?: readonly string[]): Coverage {
    const named = new Map([...this.days].map(([account, days]) => [account, new Set([...days].map((d) => utcDay(d * DAY_MS)))]));
    return computeCoverage(this.window.from, this.window.to, named, expected);
  }

  /** Each conflict between two copies of an event, naming both inputs; empty when none. */
  conflicts(): string[] {
    const more = this.conflictCount - this.conflictList.length;
    return [...this.conflictList, ...(more > 0 ? [`and ${more} more eventIDs with conflicting copies`] : [])];
  }

  private conflict(id: string, first: string, second: string): void {
    this.conflictCount += 1;
    if (this.conflictList.length < MAX_NAMED_CONFLICTS) {
      this.conflictList.push(`eventID ${id} has conflicting copies in ${first} and ${second}: one of them was altered or planted`);
    }
  }

  private countDay(e: AuditEvent): void {
    const account = e.account ?? '';
    let set = this.days.get(account);
    if (set === undefined) {
      set = new Set();
      this.days.set(account, set);
    }
    set.add(Math.floor(e.timeMs / DAY_MS));
  }

  private indexOf(source: string): number {
    let i = this.sourceIndex.get(source);
    if (i === undefined) {
      i = this.sources.length;
      this.sources.push(source);
      this.sourceIndex.set(source, i);
    }
    return i;
  }
}

// `AWSLogs/[o-<org>/]<account>/CloudTrail/...`: where S3 delivers an (organization) trail's files.
const ACCOUNT_FOLDER_RE = /(?:^|[\\/])AWSLogs[\\/](?:o-[a-z0-9]{10,32}[\\/])?(\d{12})[\\/]/;

/** A record that names no `recipientAccountId` belongs to the account whose folder holds its file. */
function withAccount(e: AuditEvent, source: string | undefined): AuditEvent {
  if (e.account !== undefined || source === undefined) return e;
  const account = ACCOUNT_FOLDER_RE.exec(source)?.[1];
  return account === undefined ? e : { ...e, account };
}
