import { daysWithoutEvents, isPhiAccess, phiAccessesFrom, reviewWeek } from '../../../checks/review/from-events';
import { weekEndingOn } from '../../../checks/review/worksheet';
import { config, event } from '../helpers';

const c = config();
const zone = c.organization.timezone; // America/New_York
const phi = (time: string, key: string | undefined, over: Partial<Parameters<typeof event>[0]> = {}) =>
  event({ time, eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: c.storage.phiBucketName, key, sourceIp: '10.100.0.23', ...over });

describe('reviewWeek', () => {
  test('by default the seven local days ending yesterday in the zone', () => {
    // 03:00 UTC on 2026-11-21 is 22:00 on the 20th in New York: yesterday is the 19th.
    expect(reviewWeek(new Date('2026-11-21T03:00:00Z'), zone)).toEqual({
      lastDay: '2026-11-19',
      week: { from: '2026-11-13T05:00:00.000Z', to: '2026-11-20T05:00:00.000Z' },
      window: { from: new Date('2026-11-13T05:00:00.000Z'), to: new Date('2026-11-20T05:00:00.000Z'), days: 7 },
    });
    expect(reviewWeek(new Date('2026-11-21T03:00:00Z'), 'UTC').lastDay).toBe('2026-11-20');
  });

  test('a given last day wins', () => {
    expect(reviewWeek(new Date('2026-11-21T03:00:00Z'), zone, '2026-11-15')).toMatchObject({ lastDay: '2026-11-15', week: weekEndingOn('2026-11-15', zone) });
  });
});

describe('PHI accesses from events', () => {
  test('only S3 data events on the PHI bucket, with a key, by an IAM user', () => {
    const keep = isPhiAccess(c);
    expect(keep(phi('2026-11-18T15:00:00Z', 'cardiology/P1/x'))).toBe(true);
    expect(keep(phi('2026-11-18T15:00:00Z', 'cardiology/P1/x', { eventSource: 'kms.amazonaws.com' }))).toBe(false);
    expect(keep(phi('2026-11-18T15:00:00Z', 'cardiology/P1/x', { bucket: 'other' }))).toBe(false);
    expect(keep(phi('2026-11-18T15:00:00Z', undefined))).toBe(false);
    expect(keep(phi('2026-11-18T15:00:00Z', 'cardiology/P1/x', { userName: undefined, identityType: 'AssumedRole' }))).toBe(false);
  });

  test('each access as the worksheet reads it; the specialty only when the key\'s first segment is one', () => {
    const events = [
      phi('2026-11-18T15:00:00Z', 'cardiology/P1/echo.pdf', { id: 'a', userName: 'jdoe', eventName: 'PutObject' }),
      phi('2026-11-18T16:00:00Z', 'archive/P1/echo.pdf', { id: 'b', userName: 'rpatel', success: false }),
      event({ time: '2026-11-18T17:00:00Z', id: 'mgmt' }),
    ];
    expect(phiAccessesFrom(events, c)).toEqual([
      { eventId: 'a', time: '2026-11-18T15:00:00Z', principal: 'jdoe', bucket: c.storage.phiBucketName, key: 'cardiology/P1/echo.pdf', action: 'PutObject', sourceIp: '10.100.0.23', specialty: 'cardiology', outcome: 'allowed' },
      { eventId: 'b', time: '2026-11-18T16:00:00Z', principal: 'rpatel', bucket: c.storage.phiBucketName, key: 'archive/P1/echo.pdf', action: 'GetObject', sourceIp: '10.100.0.23', outcome: 'denied' },
    ]);
  });
});

describe('daysWithoutEvents', () => {
  const week = weekEndingOn('2026-11-20', zone); // local 14th .. 20th
  test('local days, bounded by local midnights: an event at 04:59 UTC belongs to the day before', () => {
    const days = ['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
    const noon = days.map((d) => event({ time: `${d}T17:00:00Z` }));
    expect(daysWithoutEvents(noon, week, zone)).toEqual([]);
    const without17 = noon.filter((e) => !e.time.startsWith('2026-11-17'));
    // 04:59 UTC on the 18th is 23:59 on the 17th in New York; 05:00 UTC is the 18th.
    expect(daysWithoutEvents([...without17, event({ time: '2026-11-18T04:59:59Z' })], week, zone)).toEqual([]);
    expect(daysWithoutEvents([...without17, event({ time: '2026-11-17T05:00:00Z' })], week, zone)).toEqual([]);
    expect(daysWithoutEvents([...without17, event({ time: '2026-11-18T05:00:00Z' })], week, zone)).toEqual(['2026-11-17']);
    expect(daysWithoutEvents([...without17, event({ time: '2026-11-17T04:59:59Z' })], week, zone)).toEqual(['2026-11-17']);
  });

  test('every day of an empty week, and no day past its end', () => {
    expect(daysWithoutEvents([], week, zone)).toEqual(['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
    expect(daysWithoutEvents([], { from: '2026-11-14T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' }, 'UTC')).toEqual(['2026-11-14', '2026-11-15']);
    // Across the month's end.
    expect(daysWithoutEvents([], weekEndingOn('2026-12-02', 'UTC'), 'UTC')).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
  });
});
