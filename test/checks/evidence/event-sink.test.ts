import { BatchBuilder, type IngestTally } from '../../../checks/evidence/event-batch';
import { EventSink } from '../../../checks/evidence/event-sink';
import type { AuditWindow } from '../../../checks/model/audit-model';
import type { AuditEvent } from '../../../checks/model/events';
import { phiReadRecord } from './trail-records';

/**
 * The sink's output: the kept events in time order (eventID breaking ties), whatever order the
 * inputs brought them in, and each conflict between two copies of an eventID named with both inputs.
 */

const window: AuditWindow = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-30T23:59:59Z'), days: 30 };

/** A CloudTrail record as the service writes it. */
const record = (id: string, time: string, userName = 'kchen') => phiReadRecord(id, time, { userName });

const locate = (i: number): string => `record ${i}`;
const from = (source?: string): IngestTally => ({ records: 0, bad: 0, ...(source === undefined ? {} : { source }) });
const names = (events: AuditEvent[]): string[] => events.map((e) => `${e.id}/${e.userName ?? ''}`);

describe('EventSink.events', () => {
  const ids = ['e-a', 'e-b', 'e-c', 'e-d', 'e-e'];

  test.each([[['e-e', 'e-d', 'e-c', 'e-b', 'e-a']], [['e-c', 'e-a', 'e-e', 'e-b', 'e-d']], [['e-b', 'e-a', 'e-d', 'e-c', 'e-e']], [ids]])('events of one instant come out in eventID order, added as %j', (order) => {
    const sink = new EventSink(window);
    const t = from('lookup:us-east-1');
    order.forEach((id, i) => sink.add(record(id, '2026-11-12T10:00:00Z'), i, locate, t));
    expect(sink.events().map((e) => e.id)).toEqual(ids);
  });

  test('time decides before the eventID', () => {
    const sink = new EventSink(window);
    const t = from('lookup:us-east-1');
    sink.add(record('e-a', '2026-11-12T10:00:01Z'), 0, locate, t);
    sink.add(record('e-b', '2026-11-12T10:00:00Z'), 1, locate, t);
    expect(sink.events().map((e) => e.id)).toEqual(['e-b', 'e-a']);
  });

  test('two differing copies of one eventID at one instant are both kept, in the order they came', () => {
    const sink = new EventSink(window);
    sink.add(record('e-a', '2026-11-12T10:00:00Z', 'kchen'), 0, locate, from('trail/a.json.gz'));
    sink.add(record('e-a', '2026-11-12T10:00:00Z', 'mallory'), 0, locate, from('trail/b.json.gz'));
    sink.add(record('e-a', '2026-11-12T10:00:00Z', 'oscar'), 0, locate, from('trail/c.json.gz'));
    expect(names(sink.events())).toEqual(['e-a/kchen', 'e-a/mallory', 'e-a/oscar']);
  });
});

describe('EventSink.merge', () => {
  test("a batch the sink did not build or adopt has its kept events taken in, compacted, the same events", () => {
    const builder = new BatchBuilder(window, () => true);
    const t = from('trail/a.json.gz');
    builder.add(record('e-b', '2026-11-12T10:00:01Z'), 0, locate, t);
    builder.add(record('e-a', '2026-11-12T10:00:00Z', 'mgarcia'), 1, locate, t);
    const batch = builder.build();
    const sink = new EventSink(window);
    sink.merge(batch, 'trail/a.json.gz');
    expect(sink.events()).toEqual([batch.events[1], batch.events[0]]);
    expect(names(sink.events())).toEqual(['e-a/mgarcia', 'e-b/kchen']);
  });
});

describe('EventSink.conflicts', () => {
  test('a conflict between inputs that name themselves nowhere names them as unnamed inputs', () => {
    const sink = new EventSink(window);
    sink.add(record('e-a', '2026-11-12T10:00:00Z', 'kchen'), 0, locate, from());
    sink.add(record('e-a', '2026-11-12T10:00:00Z', 'mallory'), 1, locate, from());
    expect(sink.conflicts()).toEqual(['eventID e-a has conflicting copies in (unnamed input) and (unnamed input): one of them was altered or planted']);
  });

  test('twenty conflicts are named one by one, the rest counted', () => {
    const sink = new EventSink(window);
    const n = 23;
    for (let i = 0; i < n; i++) {
      const id = `e-${String(i).padStart(2, '0')}`;
      sink.add(record(id, '2026-11-12T10:00:00Z', 'kchen'), i, locate, from('trail/a.json.gz'));
      sink.add(record(id, '2026-11-12T10:00:00Z', 'mallory'), i, locate, from('lookup:us-east-1'));
    }
    const named = Array.from({ length: 20 }, (_, i) => `eventID e-${String(i).padStart(2, '0')} has conflicting copies in trail/a.json.gz and lookup:us-east-1: one of them was altered or planted`);
    expect(sink.conflicts()).toEqual([...named, 'and 3 more eventIDs with conflicting copies']);
  });

  test('exactly twenty conflicts are all named, with no count after them', () => {
    const sink = new EventSink(window);
    for (let i = 0; i < 20; i++) {
      sink.add(record(`e-${i}`, '2026-11-12T10:00:00Z', 'kchen'), i, locate, from('trail/a.json.gz'));
      sink.add(record(`e-${i}`, '2026-11-12T10:00:00Z', 'mallory'), i, locate, from('trail/b.json.gz'));
    }
    expect(sink.conflicts()).toHaveLength(20);
    expect(sink.conflicts()[19]).toBe('eventID e-19 has conflicting copies in trail/a.json.gz and trail/b.json.gz: one of them was altered or planted');
  });
});
