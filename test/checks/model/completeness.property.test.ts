import fc from 'fast-check';
import { computeCoverage, mergeCoverage, utcDay, windowDays } from '../../../checks/model/completeness';
import { auditWindow } from '../../../checks/audit';
import { EventSink } from '../../../checks/evidence/event-sink';

const DAY = 86_400_000;
/** Instants from 2024 to 2030, to the millisecond. */
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });
const windowArb = fc.record({ to: instant, days: fc.integer({ min: 1, max: 120 }) }).map(({ to, days }) => auditWindow(new Date(to), days));
const dayIndex = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;

describe('coverage (property-based)', () => {
  test('the window\'s days are exactly the UTC days it overlaps for a positive time, in order', () => {
    fc.assert(
      fc.property(windowArb, (w) => {
        const days = windowDays(w.from, w.to);
        for (const d of days) {
          const start = Date.parse(`${d}T00:00:00Z`);
          expect(start < w.to.getTime() && start + DAY > w.from.getTime()).toBe(true);
        }
        // Consecutive, starting on the day of `from`, ending on the day of the last instant before `to`.
        days.forEach((d, i) => i > 0 && expect(dayIndex(d) - dayIndex(days[i - 1])).toBe(1));
        expect(days[0]).toBe(utcDay(w.from.getTime()));
        expect(days[days.length - 1]).toBe(utcDay(w.to.getTime() - 1));
      }),
    );
  });

  test('gaps and covered days partition the window; gaps are maximal runs, sorted', () => {
    fc.assert(
      fc.property(windowArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 200 }), (w, fractions) => {
        const span = w.to.getTime() - w.from.getTime();
        const seen = new Set(fractions.map((f) => utcDay(w.from.getTime() + Math.floor(f * span))));
        const { gaps } = computeCoverage(w.from, w.to, new Map([['', seen]]));
        const gapDays = gaps.flatMap((g) => Array.from({ length: dayIndex(g.to) - dayIndex(g.from) + 1 }, (_, i) => utcDay((dayIndex(g.from) + i) * DAY)));
        const all = windowDays(w.from, w.to);
        expect([...gapDays].sort()).toEqual(all.filter((d) => !seen.has(d)));
        gaps.forEach((g, i) => {
          expect(g.from <= g.to).toBe(true);
          // Maximal: the day before a gap and the day after it were covered (or outside the window).
          if (i > 0) expect(dayIndex(g.from) - dayIndex(gaps[i - 1].to)).toBeGreaterThan(1);
        });
      }),
    );
  });

  test('several accounts get their own gaps; one account (or none) gets account-less gaps', () => {
    fc.assert(
      fc.property(windowArb, fc.array(fc.constantFrom('111122223333', '444455556666', ''), { minLength: 1, maxLength: 30 }), (w, accounts) => {
        const seen = new Map<string, Set<string>>();
        accounts.forEach((a, i) => {
          const set = seen.get(a) ?? new Set<string>();
          set.add(utcDay(w.from.getTime() + ((i * 7919) % Math.max(1, w.to.getTime() - w.from.getTime()))));
          seen.set(a, set);
        });
        const named = [...seen.keys()].filter((a) => a !== '');
        const { gaps } = computeCoverage(w.from, w.to, seen);
        if (named.length <= 1) expect(gaps.every((g) => g.account === undefined)).toBe(true);
        else expect(gaps.every((g) => g.account !== undefined && named.includes(g.account))).toBe(true);
      }),
    );
  });

  test('merging views never hides a gap: a day is a gap when any view lacks it', () => {
    fc.assert(
      fc.property(windowArb, fc.array(fc.array(fc.boolean(), { maxLength: 130 }), { minLength: 1, maxLength: 4 }), (w, views) => {
        const all = windowDays(w.from, w.to);
        const coverages = views.map((covered) => computeCoverage(w.from, w.to, new Map([['', new Set(all.filter((_, i) => covered[i] === true))]])));
        const merged = mergeCoverage(coverages);
        const gapSet = (gs: { from: string; to: string }[]) => new Set(gs.flatMap((g) => Array.from({ length: dayIndex(g.to) - dayIndex(g.from) + 1 }, (_, i) => utcDay((dayIndex(g.from) + i) * DAY))));
        const expected = new Set(coverages.flatMap((c) => [...gapSet(c.gaps)]));
        expect(gapSet(merged?.gaps ?? [])).toEqual(expected);
      }),
    );
  });
});

describe('the window\'s edges (property-based)', () => {
  test('an event at `from` or `to` is in the window, one millisecond outside is not', () => {
    fc.assert(
      fc.property(windowArb, fc.constantFrom(-1, 0, 1), fc.boolean(), (w, delta, atStart) => {
        const sink = new EventSink(w);
        const time = new Date((atStart ? w.from.getTime() : w.to.getTime()) + delta).toISOString();
        sink.add({ eventID: 'e1', eventTime: time, eventName: 'GetCallerIdentity', eventSource: 'sts.amazonaws.com' }, 0, () => 'r', { records: 0, bad: 0 });
        const inside = atStart ? delta >= 0 : delta <= 0;
        expect(sink.events().length).toBe(inside ? 1 : 0);
      }),
    );
  });

  test('an eventTime without a zone, or an impossible date, is rejected, never read in local time', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom('', 'Z', '+00:00', '-05:00', '+05:30'), (ms, zone) => {
        const sink = new EventSink(auditWindow(new Date(Date.UTC(2031, 0, 1)), 3650 * 2));
        const tally = { records: 0, bad: 0 };
        const local = new Date(ms).toISOString().slice(0, 19);
        sink.add({ eventID: 'e', eventTime: `${local}${zone}`, eventName: 'X', eventSource: 'sts.amazonaws.com' }, 0, () => 'r', tally);
        expect(tally.bad).toBe(zone === '' ? 1 : 0);
      }),
    );
    const tally = { records: 0, bad: 0 };
    new EventSink(auditWindow(new Date('2027-01-01T00:00:00Z'), 365)).add({ eventID: 'e', eventTime: '2026-02-30T10:00:00Z', eventName: 'X', eventSource: 's' }, 0, () => 'r', tally);
    expect(tally.bad).toBe(1);
  });
});
