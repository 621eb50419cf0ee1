import { accessAnomaly } from '../../../checks/rules/access-anomaly';
import { localClock, withinBusinessHours } from '../../../checks/rules/business-hours';
import { event, rules, run } from '../helpers';

const get = (time: string, userName: string, key: string, over = {}) =>
  event({ time, userName, key, bucket: 'examplecoding-phi-records', eventSource: 's3.amazonaws.com', eventName: 'GetObject', ...over });
const audit = (...events: ReturnType<typeof event>[]) => run(accessAnomaly, { events });

describe('access-anomaly: out-of-specialty', () => {
  test('flags a coder touching another specialty, even when denied (high)', () => {
    const findings = audit(get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedics/P200871/op-note.pdf', { success: false }));
    expect(findings).toEqual([expect.objectContaining({ rule: 'out-of-specialty', principal: 'jdoe', severity: 'high' })]);
    expect(findings[0].evidence).toMatchObject({ specialty: 'orthopedics', denied: 1 });
  });
  test('keeps object keys (patient ids) out of the finding', () => {
    const findings = audit(get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedics/P200871/op-note.pdf'));
    expect(JSON.stringify(findings)).not.toContain('P200871');
  });
  test('does not flag a lead within either of their specialties, nor other buckets', () => {
    expect(audit(get('2026-11-12T15:00:00Z', 'mgarcia', 'orthopedics/P1/a.pdf'), get('2026-11-12T15:00:00Z', 'mgarcia', 'cardiology/P2/a.pdf'), get('2026-11-12T15:00:00Z', 'jdoe', 'orthopedics/x', { bucket: 'other-bucket' }))).toEqual([]);
  });
});

describe('access-anomaly: after-hours (America/New_York, 07:00-19:00 Mon-Fri)', () => {
  test('flags 06:30 EST on a Tuesday', () => {
    expect(rules(audit(get('2026-11-10T11:30:00Z', 'rpatel', 'behavioral-health/P3/a.pdf')))).toEqual(['after-hours:rpatel']);
  });
  test('does not flag 07:30 EDT before the DST change, the same UTC time of day', () => {
    expect(audit(get('2026-10-28T11:30:00Z', 'rpatel', 'behavioral-health/P3/a.pdf'))).toEqual([]);
  });
  test('flags a Saturday and 19:00 sharp, not 18:59', () => {
    expect(rules(audit(get('2026-11-14T15:00:00Z', 'mgarcia', 'orthopedics/P1/a.pdf')))).toEqual(['after-hours:mgarcia']);
    expect(rules(audit(get('2026-11-13T00:00:00Z', 'jdoe', 'cardiology/P1/a.pdf')))).toEqual(['after-hours:jdoe']);
    expect(audit(get('2026-11-12T23:59:00Z', 'jdoe', 'cardiology/P1/a.pdf'))).toEqual([]);
  });
  test('reads local time across the spring-forward gap', () => {
    expect(localClock(Date.parse('2026-03-08T07:30:00Z'), 'America/New_York')).toEqual({ weekday: 'Sun', time: '03:30' });
    expect(localClock(Date.parse('2026-03-08T06:30:00Z'), 'America/New_York')).toEqual({ weekday: 'Sun', time: '01:30' });
  });
});

describe('business hours: the prepared test agrees with the wall clock', () => {
  const hours = { start: '07:00', end: '19:00', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const };
  test.each([
    ['2026-11-10T11:59:00Z', false], // 06:59 EST Tue
    ['2026-11-10T12:00:00Z', true], // 07:00 EST Tue
    ['2026-10-28T11:00:00Z', true], // 07:00 EDT Wed
    ['2026-11-14T15:00:00Z', false], // Sat
    ['2026-11-07T03:30:00Z', false], // Fri 22:30 EST
  ])('New York %s -> %s', (iso, expected) => {
    const { weekday, time } = localClock(Date.parse(iso), 'America/New_York');
    const byClock = hours.days.includes(weekday as (typeof hours.days)[number]) && time >= hours.start && time < hours.end;
    expect(byClock).toBe(expected);
    expect(withinBusinessHours(Date.parse(iso), 'America/New_York', hours)).toBe(expected);
  });
  test('a quarter-hour offset zone (Kathmandu, UTC+05:45)', () => {
    expect(withinBusinessHours(Date.parse('2026-11-10T01:15:00Z'), 'Asia/Kathmandu', hours)).toBe(true);
    expect(withinBusinessHours(Date.parse('2026-11-10T01:14:00Z'), 'Asia/Kathmandu', hours)).toBe(false);
  });
});

describe('access-anomaly: the findings in full, and what is a PHI event by a person', () => {
  test('out-of-specialty: summary and evidence, denied ones counted, event ids not keys', () => {
    const events = [
      get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedics/P200871/op-note.pdf', { id: 'e1' }),
      get('2026-11-12T15:10:00Z', 'jdoe', 'orthopedics/P200872/op-note.pdf', { id: 'e2', success: false }),
      get('2026-11-12T15:11:00Z', 'jdoe', 'orthopedics/P200873/op-note.pdf', { id: 'e3' }),
    ];
    expect(audit(...events)).toStrictEqual([
      {
        check: 'access-anomaly',
        rule: 'out-of-specialty',
        principal: 'jdoe',
        severity: 'high',
        summary: 'jdoe touched 3 orthopedics records (1 denied) outside their assigned specialties (first 2026-11-12T15:09:00Z): ask them and their lead why.',
        evidence: {
          specialty: 'orthopedics',
          assigned: ['cardiology'],
          count: 3,
          denied: 1,
          events: events.map((e) => ({ eventId: e.id, time: e.time, eventName: 'GetObject', sourceIp: '198.51.100.3', success: e.success })),
        },
      },
    ]);
  });
  test('out-of-specialty: one record, by someone who has left, says so', () => {
    const [f] = audit(get('2026-11-12T15:09:00Z', 'tnguyen', 'orthopedics/P200871/op-note.pdf'));
    expect(f.summary).toBe('tnguyen (departed) touched 1 orthopedics record (0 denied) outside their assigned specialties (first 2026-11-12T15:09:00Z): ask them and their lead why.');
  });
  test('out-of-specialty: one finding per person and specialty', () => {
    const findings = audit(get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedics/P1/a.pdf'), get('2026-11-12T15:10:00Z', 'jdoe', 'behavioral-health/P2/a.pdf'), get('2026-11-12T15:11:00Z', 'kchen', 'cardiology/P3/a.pdf'));
    expect(findings.map((f) => [f.principal, f.evidence.specialty])).toEqual([
      ['jdoe', 'orthopedics'],
      ['jdoe', 'behavioral-health'],
      ['kchen', 'cardiology'],
    ]);
  });
  test('a key outside the specialty folders is no specialty: an unknown folder, the bucket root, a name that only begins like one', () => {
    expect(audit(get('2026-11-12T15:09:00Z', 'jdoe', 'radiology/P1/a.pdf'), get('2026-11-12T15:09:00Z', 'jdoe', 'manifest.csv'), get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedicsx'), get('2026-11-12T15:09:00Z', 'jdoe', '/orthopedics/P1'))).toEqual([]);
  });
  test('not PHI by a person: another service, no key, someone not in the roster, a role', () => {
    expect(
      audit(
        get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedics/P1/a.pdf', { eventSource: 'kms.amazonaws.com' }),
        get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedics/P1/a.pdf', { key: undefined }),
        get('2026-11-12T15:09:00Z', 'stranger', 'orthopedics/P1/a.pdf'),
        get('2026-11-12T15:09:00Z', 'jdoe', 'orthopedics/P1/a.pdf', { identityType: 'AssumedRole', userName: undefined }),
        get('2026-11-14T15:00:00Z', 'stranger', 'cardiology/P1/a.pdf'),
      ),
    ).toEqual([]);
  });
  test('after-hours: summary and evidence', () => {
    const events = [get('2026-11-10T11:30:00Z', 'rpatel', 'behavioral-health/P3/a.pdf', { id: 'a1' }), get('2026-11-14T15:00:00Z', 'rpatel', 'behavioral-health/P3/b.pdf', { id: 'a2' })];
    expect(audit(...events)).toStrictEqual([
      {
        check: 'access-anomaly',
        rule: 'after-hours',
        principal: 'rpatel',
        severity: 'medium',
        summary: 'rpatel accessed 2 PHI records outside business hours (07:00-19:00 Mon,Tue,Wed,Thu,Fri, America/New_York), first 2026-11-10T11:30:00Z: confirm the work was authorised.',
        evidence: { count: 2, timezone: 'America/New_York', events: events.map((e) => ({ eventId: e.id, time: e.time, eventName: 'GetObject', sourceIp: '198.51.100.3', success: true })) },
      },
    ]);
    expect(audit(events[0])[0].summary).toBe('rpatel accessed 1 PHI record outside business hours (07:00-19:00 Mon,Tue,Wed,Thu,Fri, America/New_York), first 2026-11-10T11:30:00Z: confirm the work was authorised.');
  });
});
