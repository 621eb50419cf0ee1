import type { AuditWindow } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import { type Digest, digestRecord } from './event-digest';

/** What one input contributed: the counts behind its InputRecord. */
export interface IngestTally {
  records: number;
  bad: number;
  firstProblem?: string;
  /** The input's name, for conflicts between copies of an event in two inputs. */
  source?: string;
}

/** Where a reader hands each raw record (the `index`th of its input; `locate` names it in a problem). */
export interface RecordTarget {
  add(raw: unknown, index: number, locate: (index: number) => string, tally: IngestTally): void;
  /** A target that can take back what it was handed since `mark()` (the whole-file reader gives up part way). */
  mark?(): number;
  rollback?(mark: number): void;
}

/**
 * One record digested and counted in its input's tally: a rejected record is counted bad (the
 * first problem kept, located), one outside the window dropped; either way nothing to add.
 */
export function countedDigest(raw: unknown, index: number, locate: (index: number) => string, tally: IngestTally, window: AuditWindow, keep: (e: AuditEvent) => boolean): Extract<Digest, { kind: 'event' }> | undefined {
  tally.records += 1;
  const d = digestRecord(raw, window, keep, tally.source);
  if (d.kind === 'rejected') {
    tally.bad += 1;
    tally.firstProblem ??= `${locate(index)}: ${d.problem}`;
    return undefined;
  }
  return d.kind === 'outside' ? undefined : d;
}

/**
 * The in-window records of one input, digested (event-digest.ts) in columns of typed arrays:
 * what a parsing worker posts back to the main thread (the arrays are transferred, not copied),
 * and what the sink merges, in input order, into the audit's events.
 */
export interface EventBatch {
  readonly count: number;
  /** Four per record: id hash (high, low), fingerprint (high, low). */
  readonly hashes: Uint32Array;
  /** UTC day numbers since the epoch. */
  readonly days: Int32Array;
  /** Index into `accountNames`, or -1 when the record names no account. */
  readonly accounts: Int32Array;
  readonly accountNames: string[];
  /** Index into `events` of a record a rule may need, else -1. */
  readonly kept: Int32Array;
  /**
   * The eventIDs' UTF-16 code units, end to end (`idEnds[i]` is where the `i`th ends): read only
   * to name a conflict (`batchId`). Not strings: a file's thousand ids, held until it is read
   * whole, would outlive minor collections and be left in the old generation as garbage.
   */
  readonly ids: Uint16Array;
  readonly idEnds: Int32Array;
  readonly events: AuditEvent[];
}

/** Collects one input's records into an EventBatch. */
export class BatchBuilder implements RecordTarget {
  private count = 0;
  private hashes = new Uint32Array(4 * 1024);
  private days = new Int32Array(1024);
  private accounts = new Int32Array(1024);
  private kept = new Int32Array(1024);
  private idEnds = new Int32Array(1024);
  private ids = new Uint16Array(16 * 1024);
  private idLength = 0;
  private readonly accountNames: string[] = [];
  private readonly accountIndex = new Map<string, number>();
  private readonly events: AuditEvent[] = [];

  /**
   * `prepare`: what becomes of a kept event as it is digested (the sink's compaction, in the
   * thread that merges); `built`: told of the batch `build` returns.
   */
  constructor(
    private readonly window: AuditWindow,
    private readonly keep: (event: AuditEvent) => boolean,
    private readonly hooks: { readonly prepare?: (event: AuditEvent) => AuditEvent; readonly built?: (batch: EventBatch) => void } = {},
  ) {}

  add(raw: unknown, index: number, locate: (index: number) => string, tally: IngestTally): void {
    const d = countedDigest(raw, index, locate, tally, this.window, this.keep);
    if (d === undefined) return;
    if (this.count === this.days.length) this.growArrays();
    const n = this.count;
    this.hashes[4 * n] = d.idHi;
    this.hashes[4 * n + 1] = d.idLo;
    this.hashes[4 * n + 2] = d.fpHi;
    this.hashes[4 * n + 3] = d.fpLo;
    this.days[n] = d.day;
    this.accounts[n] = d.account === undefined ? -1 : this.account(d.account);
    this.kept[n] = d.event === undefined ? -1 : this.events.push(this.hooks.prepare ? this.hooks.prepare(d.event) : d.event) - 1;
    const id = d.id;
    if (this.idLength + id.length > this.ids.length) this.growIds(this.idLength + id.length);
    for (let c = 0; c < id.length; c++) this.ids[this.idLength + c] = id.charCodeAt(c);
    this.idLength += id.length;
    this.idEnds[n] = this.idLength;
    this.count += 1;
  }

  mark(): number {
    return this.count;
  }

  /** Forgets every record added since `mark()` returned `to`. */
  rollback(to: number): void {
    if (to >= this.count) return;
    let firstKept = -1;
    for (let i = to; i < this.count && firstKept < 0; i++) firstKept = this.kept[i];
    if (firstKept >= 0) this.events.length = firstKept;
    this.idLength = to === 0 ? 0 : this.idEnds[to - 1];
    this.count = to;
  }

  build(): EventBatch {
    const n = this.count;
    const batch: EventBatch = {
      count: n,
      hashes: this.hashes.slice(0, 4 * n),
      days: this.days.slice(0, n),
      accounts: this.accounts.slice(0, n),
      accountNames: this.accountNames,
      kept: this.kept.slice(0, n),
      ids: this.ids.slice(0, this.idLength),
      idEnds: this.idEnds.slice(0, n),
      events: this.events,
    };
    this.hooks.built?.(batch);
    return batch;
  }

  private account(name: string): number {
    let i = this.accountIndex.get(name);
    if (i === undefined) {
      i = this.accountNames.push(name) - 1;
      this.accountIndex.set(name, i);
    }
    return i;
  }

  private growIds(atLeast: number): void {
    // Stryker disable next-line ArithmeticOperator: atLeast exceeds ids.length, so doubling from half of it reaches the same first power-of-two multiple
    let size = this.ids.length * 2;
    // Stryker disable next-line EqualityOperator: at size === atLeast one more doubling only leaves spare capacity; build slices to idLength
    while (size < atLeast) size *= 2;
    const bigger = new Uint16Array(size);
    bigger.set(this.ids.subarray(0, this.idLength));
    this.ids = bigger;
  }

  private growArrays(): void {
    const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(a.length * 2);
      b.set(a);
      return b;
    };
    this.hashes = grow(this.hashes, (n) => new Uint32Array(n));
    this.days = grow(this.days, (n) => new Int32Array(n));
    this.accounts = grow(this.accounts, (n) => new Int32Array(n));
    this.kept = grow(this.kept, (n) => new Int32Array(n));
    this.idEnds = grow(this.idEnds, (n) => new Int32Array(n));
  }
}

/** The typed arrays of a batch, to transfer rather than copy to another thread. */
export function transferables(batch: EventBatch): ArrayBuffer[] {
  return [batch.hashes, batch.days, batch.accounts, batch.kept, batch.idEnds, batch.ids].map((a) => a.buffer as ArrayBuffer);
}

/** The `i`th eventID of a batch. */
export function batchId(batch: EventBatch, i: number): string {
  // Stryker disable next-line ConditionalExpression: for i = 0, idEnds[-1] is undefined and subarray reads an undefined start as 0
  const codes = batch.ids.subarray(i === 0 ? 0 : batch.idEnds[i - 1], batch.idEnds[i]);
  let id = '';
  // In pieces: a spread of a very long id would overflow the argument list.
  // Stryker disable next-line EqualityOperator: one more turn at codes.length appends the empty string
  for (let at = 0; at < codes.length; at += 4096) id += String.fromCharCode(...codes.subarray(at, at + 4096));
  return id;
}
