import type { AuditWindow } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import { normalizeRecord } from './cloudtrail-record';

/** What one input contributed: the counts behind its InputRecord. */
export interface IngestTally {
  records: number;
  bad: number;
  firstProblem?: string;
}

/**
 * Collects events from every CloudTrail input: inside the window only, de-duplicated by
 * eventID (the same event arrives in S3 files and LookupEvents pages), and only those `keep`
 * says a rule needs, so memory follows principals and the window rather than event count.
 */
export class EventSink {
  private readonly byId = new Map<string, AuditEvent>();

  constructor(
    private readonly window: AuditWindow,
    private readonly keep: (event: AuditEvent) => boolean = () => true,
  ) {}

  /** Adds one raw record, the `index`th of its file; `locate` names it in a problem message. */
  add(raw: unknown, index: number, locate: (index: number) => string, tally: IngestTally): void {
    tally.records += 1;
    const result = normalizeRecord(raw);
    if (!result.ok) {
      tally.bad += 1;
      tally.firstProblem ??= `${locate(index)}: ${result.problem}`;
      return;
    }
    const e = result.event;
    if (e.timeMs < this.window.from.getTime() || e.timeMs > this.window.to.getTime()) return;
    if (this.byId.has(e.id) || !this.keep(e)) return;
    this.byId.set(e.id, e);
  }

  events(): AuditEvent[] {
    return [...this.byId.values()].sort((a, b) => a.timeMs - b.timeMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
