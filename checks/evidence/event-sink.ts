import type { AuditWindow } from '../model/audit-model';
import { type Coverage, computeCoverage, utcDay } from '../model/completeness';
import type { AuditEvent } from '../model/events';
import { BatchBuilder, batchId, countedDigest, type EventBatch, type IngestTally, type RecordTarget } from './event-batch';
import { sameEvent } from './event-digest';
import { EventIdTable } from './event-id-table';

export type { IngestTally, RecordTarget } from './event-batch';

const DAY_MS = 86_400_000;
/** The id table's flag: the first copy was kept, and its first word says where. */
const KEPT = 0x80000000;

/** At most this many conflicts are named one by one; the rest are counted. */
const MAX_NAMED_CONFLICTS = 20;
/** Distinct strings shared between kept events (user agents, names, addresses); past this, new ones are kept as they come. */
const MAX_INTERNED = 100_000;

/** Code-unit order of two eventIDs: the tie-break between the events of one instant. */
function byId(a: string, b: string): number {
  if (a < b) return -1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: V8's sort only asks whether a comparison is negative, so 1 and 0 (a later id, the same id) order alike
  return a > b ? 1 : 0;
}

/**
 * Collects events from every CloudTrail input: inside the window only, de-duplicated by eventID
 * (the same event arrives in S3 files and LookupEvents pages), and only those `keep` says a
 * rule needs, so memory follows principals and candidate events rather than event count. Every
 * in-window event, kept or not, counts for the window's day-by-day coverage and leaves 20 bytes
 * in an id table (its id hash, a hash of the fields the rules read or where its kept copy is,
 * its input): a second copy that differs is a conflict (CONTRACT §3a), both copies are kept for the rules (a planted
 * benign copy cannot hide the real one), and both inputs are named.
 *
 * Records arrive one by one (`add`: LookupEvents, Athena rows) or as the digested batch of one
 * input (`merge`: files parsed by the workers or in this thread), always in input order.
 */
export class EventSink implements RecordTarget {
  private readonly kept: AuditEvent[] = [];
  private readonly table = new EventIdTable();
  private readonly sources: string[] = [];
  private readonly sourceIndex = new Map<string, number>();
  /** Per account, the UTC days (as day numbers since the epoch: no date formatting per event) holding an event. */
  private readonly days = new Map<string, Set<number>>();
  private readonly conflictList: string[] = [];
  private conflictCount = 0;
  private readonly interned = new Map<string, string>();
  private readonly adopted = new WeakSet<EventBatch>();
  private lastAccount: string | undefined;
  private lastDay = NaN;

  constructor(
    readonly window: AuditWindow,
    readonly keep: (event: AuditEvent) => boolean = () => true,
  ) {}

  /** Adds one raw record, the `index`th of its input; `locate` names it in a problem message. */
  add(raw: unknown, index: number, locate: (index: number) => string, tally: IngestTally): void {
    const d = countedDigest(raw, index, locate, tally, this.window, this.keep);
    if (d === undefined) return;
    const source = this.indexOf(tally.source ?? '(unnamed input)');
    const first = this.accept(d.account, d.day, d.idHi, d.idLo, d.fpHi, d.fpLo, d.event === undefined ? undefined : this.compact(d.event), source);
    if (first >= 0) this.conflict(d.id, this.sources[first], this.sources[source]);
  }

  /**
   * A builder for one input read in this thread: its kept events are compacted as they are
   * digested, while the rest of the file is still being parsed (held until the file is done, the
   * uncompacted copies would outlive minor collections and be left in the old generation).
   */
  builder(): BatchBuilder {
    return new BatchBuilder(this.window, this.keep, { prepare: (e) => this.compact(e), built: (b) => this.adopted.add(b) });
  }

  /**
   * A batch as it arrives from a parsing worker, its kept events compacted now rather than when
   * its turn to merge comes: by then the deserialized copies may have outlived two minor
   * collections and would be left, copied, in the old generation as garbage.
   */
  adopt(batch: EventBatch): EventBatch {
    const adopted = { ...batch, events: batch.events.map((e) => this.compact(e)) };
    this.adopted.add(adopted);
    return adopted;
  }

  /** The in-window records of one input (`source`), as a BatchBuilder digested them (`builder` and `adopt` compacted theirs already). */
  merge(batch: EventBatch, source: string): void {
    const from = this.indexOf(source);
    const events = this.adopted.delete(batch) ? batch.events : batch.events.map((e) => this.compact(e));
    const h = batch.hashes;
    for (let i = 0; i < batch.count; i++) {
      const a = batch.accounts[i];
      const k = batch.kept[i];
      const first = this.accept(a < 0 ? undefined : batch.accountNames[a], batch.days[i], h[4 * i], h[4 * i + 1], h[4 * i + 2], h[4 * i + 3], k < 0 ? undefined : events[k], from);
      if (first >= 0) this.conflict(batchId(batch, i), this.sources[first], source);
    }
  }

  events(): AuditEvent[] {
    return [...this.kept].sort((a, b) => a.timeMs - b.timeMs || byId(a.id, b.id));
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

  /**
   * First copies are kept (when a rule needs them), agreeing copies dropped, differing copies
   * kept and named. A copy a rule may read is compared field by field with the kept first copy,
   * never trusted to a hash; copies of which only one is kept differ (keeping depends on those
   * fields alone); only for two copies nobody keeps does the fast fingerprint decide.
   */
  /** -1, or the input of the first copy when this one conflicts with it (`event` compacted). */
  private accept(account: string | undefined, day: number, idHi: number, idLo: number, fpHi: number, fpLo: number, event: AuditEvent | undefined, source: number): number {
    this.countDay(account ?? '', day);
    const meta = ((source + 1) | (event !== undefined ? KEPT : 0)) >>> 0;
    const first = event !== undefined ? this.table.firstCopy(idHi, idLo, this.kept.length, 0, meta) : this.table.firstCopy(idHi, idLo, fpHi, fpLo, meta);
    let conflict = -1;
    if (first !== undefined) {
      const firstKept = (first.meta & KEPT) !== 0;
      const same = firstKept && event !== undefined ? sameEvent(this.kept[first.a], event) : !firstKept && event === undefined && first.a === fpHi && first.b === fpLo;
      if (same) return -1;
      conflict = (first.meta & ~KEPT) - 1;
    }
    if (event !== undefined) this.kept.push(event);
    return conflict;
  }

  private conflict(id: string, first: string, second: string): void {
    this.conflictCount += 1;
    if (this.conflictList.length < MAX_NAMED_CONFLICTS) {
      this.conflictList.push(`eventID ${id} has conflicting copies in ${first} and ${second}: one of them was altered or planted`);
    }
  }

  /**
   * The same few user agents, names, addresses and long-term keys recur in every kept event: one
   * copy of each. Rebuilt as one literal of every field in a fixed order, so that every kept event
   * has one of two shapes with its fields inside the object (a copied or deserialized record keeps
   * them in a separate, larger property array): about 30 bytes less an event.
   */
  private compact(e: AuditEvent): AuditEvent {
    const s = (v: string | undefined): string | undefined => {
      if (v === undefined) return undefined;
      const known = this.interned.get(v);
      if (known !== undefined) return known;
      if (this.interned.size < MAX_INTERNED) this.interned.set(v, v);
      return v;
    };
    // Session keys (ASIA...) are many and short-lived; a long-term key (AKIA...) recurs.
    const accessKeyId = e.accessKeyId?.startsWith('AKIA') ? s(e.accessKeyId) : e.accessKeyId;
    const [identityType, eventName, eventSource, sourceIp, userAgent] = [s(e.identityType), s(e.eventName), s(e.eventSource), s(e.sourceIp), s(e.userAgent)] as string[];
    // The keys normalizeRecord gives every event (present-but-undefined ones included), `account` when it has one.
    if (e.account !== undefined) {
      return {
        id: e.id, account: s(e.account), time: e.time, timeMs: e.timeMs, identityType, userName: s(e.userName), eventName, eventSource, sourceIp, userAgent, accessKeyId,
        vpcEndpointId: e.vpcEndpointId, vpcEndpointAccountId: e.vpcEndpointAccountId, arn: s(e.arn), mfaUsed: e.mfaUsed, invokedBy: e.invokedBy, bucket: s(e.bucket), key: e.key,
        modelId: e.modelId, streamingUserId: e.streamingUserId, success: e.success,
      };
    }
    return {
      id: e.id, time: e.time, timeMs: e.timeMs, identityType, userName: s(e.userName), eventName, eventSource, sourceIp, userAgent, accessKeyId,
      vpcEndpointId: e.vpcEndpointId, vpcEndpointAccountId: e.vpcEndpointAccountId, arn: s(e.arn), mfaUsed: e.mfaUsed, invokedBy: e.invokedBy, bucket: s(e.bucket), key: e.key,
      modelId: e.modelId, streamingUserId: e.streamingUserId, success: e.success,
    };
  }

  private countDay(account: string, day: number): void {
    // Consecutive events nearly always share account and day.
    if (account === this.lastAccount && day === this.lastDay) return;
    let set = this.days.get(account);
    if (set === undefined) {
      set = new Set();
      this.days.set(account, set);
    }
    set.add(day);
    this.lastAccount = account;
    this.lastDay = day;
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
