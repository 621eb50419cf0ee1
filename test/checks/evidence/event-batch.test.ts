import { BatchBuilder, batchId, type EventBatch, type IngestTally, transferables } from '../../../checks/evidence/event-batch';
import type { AuditWindow } from '../../../checks/model/audit-model';
import type { AuditEvent } from '../../../checks/model/events';
import { phiReadRecord } from './trail-records';

/**
 * The columns one input's records are digested into: every record's id, day, account and kept
 * event must come back out of the batch as it went in, past the builder's first 1,024 rows and
 * its first 16K id code units, and after a rollback of part of the input.
 */

const window: AuditWindow = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-30T23:59:59Z'), days: 30 };
const DAY_MS = 86_400_000;

/** A CloudTrail record as the service writes it (`account` undefined: no recipientAccountId). */
const record = (id: string, time: string, account: string | undefined, eventName = 'GetObject') => phiReadRecord(id, time, { account, eventName });

const locate = (i: number): string => `record ${i}`;
const tally = (): IngestTally => ({ records: 0, bad: 0, source: 'trail/2026/11/12/file.json.gz' });
const keepGets = (e: AuditEvent): boolean => e.eventName === 'GetObject';
const ids = (b: EventBatch): string[] => Array.from({ length: b.count }, (_, i) => batchId(b, i));
const day = (iso: string): number => Math.floor(Date.parse(iso) / DAY_MS);

describe('BatchBuilder', () => {
  test('a record naming no account is -1 in accounts, the others index accountNames in order of first use', () => {
    const b = new BatchBuilder(window, () => true);
    const t = tally();
    b.add(record('e-none', '2026-11-12T10:00:00Z', undefined), 0, locate, t);
    b.add(record('e-b', '2026-11-12T10:00:01Z', '222233334444'), 1, locate, t);
    b.add(record('e-a', '2026-11-12T10:00:02Z', '111122223333'), 2, locate, t);
    b.add(record('e-b2', '2026-11-12T10:00:03Z', '222233334444'), 3, locate, t);
    const batch = b.build();
    expect(batch.accountNames).toEqual(['222233334444', '111122223333']);
    expect(Array.from(batch.accounts)).toEqual([-1, 0, 1, 0]);
  });

  test('past 1,024 records and 16K id code units, every row keeps its id, day, account and kept event', () => {
    const b = new BatchBuilder(window, keepGets);
    const t = tally();
    const n = 2100;
    const expectedIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
      expectedIds.push(id);
      const time = new Date(Date.parse('2026-11-01T00:00:00Z') + (i % 30) * DAY_MS).toISOString();
      b.add(record(id, time, i % 2 === 0 ? '111122223333' : '222233334444', i % 3 === 0 ? 'GetObject' : 'ListBuckets'), i, locate, t);
    }
    const batch = b.build();
    expect(t).toMatchObject({ records: n, bad: 0 });
    expect(batch.count).toBe(n);
    expect([batch.days.length, batch.accounts.length, batch.kept.length, batch.idEnds.length, batch.hashes.length]).toEqual([n, n, n, n, 4 * n]);
    expect(ids(batch)).toEqual(expectedIds);
    expect(batch.ids.length).toBe(n * 36);
    expect(Array.from(batch.days)).toEqual(expectedIds.map((_, i) => day('2026-11-01T00:00:00Z') + (i % 30)));
    expect(Array.from(batch.accounts)).toEqual(expectedIds.map((_, i) => i % 2));
    // Every row hashed: no row left at the zeroes of an array that did not grow.
    expect(expectedIds.filter((_, i) => batch.hashes[4 * i] === 0 && batch.hashes[4 * i + 1] === 0)).toEqual([]);
    const keptRows = expectedIds.flatMap((_, i) => (i % 3 === 0 ? [i] : []));
    expect(Array.from(batch.kept)).toEqual(expectedIds.map((_, i) => (i % 3 === 0 ? keptRows.indexOf(i) : -1)));
    expect(batch.events.map((e) => e.id)).toEqual(keptRows.map((i) => expectedIds[i]));
  });

  test('a rollback past a record nobody keeps leaves the kept events before the mark', () => {
    const b = new BatchBuilder(window, keepGets);
    const t = tally();
    b.add(record('kept-1', '2026-11-12T10:00:00Z', '111122223333'), 0, locate, t);
    const mark = b.mark();
    b.add(record('not-kept', '2026-11-12T10:00:01Z', '111122223333', 'ListBuckets'), 1, locate, t);
    b.rollback(mark);
    const batch = b.build();
    expect(batch.count).toBe(1);
    expect(batch.events.map((e) => e.id)).toEqual(['kept-1']);
    expect(ids(batch)).toEqual(['kept-1']);
  });

  test('a rollback forgets the kept events and ids added since the mark; what follows is added after the earlier ones', () => {
    const b = new BatchBuilder(window, keepGets);
    const t = tally();
    b.add(record('first', '2026-11-12T10:00:00Z', '111122223333'), 0, locate, t);
    const mark = b.mark();
    expect(mark).toBe(1);
    b.add(record('dropped-not-kept', '2026-11-12T10:00:01Z', '111122223333', 'ListBuckets'), 1, locate, t);
    b.add(record('dropped-kept', '2026-11-12T10:00:02Z', '111122223333'), 2, locate, t);
    b.rollback(mark);
    b.add(record('after', '2026-11-13T10:00:00Z', '222233334444'), 3, locate, t);
    const batch = b.build();
    expect(batch.count).toBe(2);
    expect(ids(batch)).toEqual(['first', 'after']);
    expect(Array.from(batch.ids)).toEqual(Array.from('firstafter', (c) => c.charCodeAt(0)));
    expect(batch.events.map((e) => e.id)).toEqual(['first', 'after']);
    expect(Array.from(batch.kept)).toEqual([0, 1]);
    expect(Array.from(batch.days)).toEqual([day('2026-11-12T00:00:00Z'), day('2026-11-13T00:00:00Z')]);
  });

  test('a rollback to the start forgets everything', () => {
    const b = new BatchBuilder(window, keepGets);
    const t = tally();
    const mark = b.mark();
    b.add(record('gone', '2026-11-12T10:00:00Z', '111122223333'), 0, locate, t);
    b.rollback(mark);
    b.add(record('kept', '2026-11-12T10:00:01Z', '111122223333'), 1, locate, t);
    const batch = b.build();
    expect(ids(batch)).toEqual(['kept']);
    expect(batch.events.map((e) => e.id)).toEqual(['kept']);
  });
});

describe('transferables', () => {
  test('are the buffers of the six columns: transferred, the clone holds the batch and the originals are detached', () => {
    const b = new BatchBuilder(window, () => true);
    const t = tally();
    b.add(record('e-1', '2026-11-12T10:00:00Z', '111122223333'), 0, locate, t);
    b.add(record('e-2', '2026-11-12T10:00:01Z', undefined), 1, locate, t);
    const batch = b.build();
    const copy = { ...batch, hashes: batch.hashes.slice(), days: batch.days.slice(), accounts: batch.accounts.slice(), kept: batch.kept.slice(), idEnds: batch.idEnds.slice(), ids: batch.ids.slice() };
    const list = transferables(batch);
    expect(list).toHaveLength(6);
    const moved = structuredClone(batch, { transfer: list });
    for (const column of ['hashes', 'days', 'accounts', 'kept', 'idEnds', 'ids'] as const) {
      expect(batch[column].byteLength).toBe(0);
      expect(Array.from(moved[column])).toEqual(Array.from(copy[column]));
    }
    expect(ids(moved)).toEqual(['e-1', 'e-2']);
  });
});
