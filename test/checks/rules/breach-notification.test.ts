import { breachNotification } from '../../../checks/rules/breach-notification';
import { addDays, noticesDue } from '../../../checks/rules/breach-deadlines';
import type { Incident } from '../../../checks/register/incidents';
import { run } from '../helpers';

// As of 2026-11-20 (the helpers' as-of day).
const incident = (over: Partial<Incident> = {}): Incident => ({ id: 'INC-1', discoveredOn: '2026-09-21', individualsAffected: 10, residents: {}, notified: { media: {}, states: {} }, ...over });
const found = (...incidents: Incident[]) => run(breachNotification, { register: { incidents } }).map((f) => `${f.rule}:${f.principal}:${f.evidence.notice}:${f.evidence.deadline}`);

describe('breach deadlines', () => {
  test('individuals 60 days; HHS 60 days at 500, else 60 days after the year ends; media and Florida at 500 residents', () => {
    const big = noticesDue(incident({ discoveredOn: '2026-09-14', individualsAffected: 1200, residents: { FL: 640, TX: 560, GA: 499 } }));
    expect(big.map((n) => `${n.notice}:${n.deadline}`)).toEqual(['individuals:2026-11-13', 'hhs:2026-11-13', 'media:FL:2026-11-13', 'state:FL:2026-10-14', 'media:TX:2026-11-13']);
    const small = noticesDue(incident({ discoveredOn: '2026-03-01', individualsAffected: 499, residents: { FL: 499 } }));
    expect(small.map((n) => `${n.notice}:${n.deadline}`)).toEqual(['individuals:2026-04-30', 'hhs:2027-03-01']);
    // The year after a leap year's end: Dec 31 2027 + 60 days is 2028-02-29.
    expect(noticesDue(incident({ discoveredOn: '2027-05-01' })).find((n) => n.notice === 'hhs')?.deadline).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('breach-notification', () => {
  test('day 60 is the deadline itself: due soon, not overdue; day 61 is overdue', () => {
    expect(found(incident({ discoveredOn: '2026-09-21' }))).toEqual(['notification-due-soon:INC-1:individuals:2026-11-20']);
    expect(found(incident({ discoveredOn: '2026-09-20' }))).toEqual(['notification-overdue:INC-1:individuals:2026-11-19']);
  });

  test('the 10-day warning: 10 days left warns, 11 does not', () => {
    expect(found(incident({ discoveredOn: '2026-10-01' }))).toEqual(['notification-due-soon:INC-1:individuals:2026-11-30']);
    expect(found(incident({ discoveredOn: '2026-10-02' }))).toEqual([]);
  });

  test('Florida DLA within 30 days for 500 Florida residents, not for 499', () => {
    const fl = (n: number) => incident({ discoveredOn: '2026-10-15', individualsAffected: n, residents: { FL: n }, notified: { individuals: '2026-10-20', hhs: '2026-10-20', media: { FL: '2026-10-20' }, states: {} } });
    expect(found(fl(500))).toEqual(['notification-overdue:INC-1:state:FL:2026-11-14']);
    expect(found(fl(499))).toEqual([]);
  });

  test('sent notices are done; severities; an incident discovered after the as-of date is not judged', () => {
    const done = incident({ discoveredOn: '2026-09-01', notified: { individuals: '2026-12-01', media: {}, states: {} } });
    expect(found(done)).toEqual([]);
    const late = incident({ discoveredOn: '2026-01-10', individualsAffected: 600, residents: { TX: 600 } });
    const findings = run(breachNotification, { register: { incidents: [late, incident({ id: 'INC-F', discoveredOn: '2026-11-21' })] } });
    expect(findings.map((f) => `${f.evidence.notice}:${f.severity}`)).toEqual(['individuals:high', 'hhs:high', 'media:TX:high']);
  });

  test('no incidents: nothing to examine', () => {
    expect(run(breachNotification, { register: {} })).toEqual([]);
  });

  test('the findings in full: overdue by one day and by several, due in one day and in several', () => {
    const summaries = (discoveredOn: string) => run(breachNotification, { register: { incidents: [incident({ discoveredOn })] } }).map((f) => f.summary);
    expect(summaries('2026-09-20')).toEqual(['Incident INC-1: notice to the affected individuals was due 2026-11-19 (1 day ago) and is not on record: send it now and record the date.']);
    expect(summaries('2026-09-18')).toEqual(['Incident INC-1: notice to the affected individuals was due 2026-11-17 (3 days ago) and is not on record: send it now and record the date.']);
    expect(summaries('2026-09-22')).toEqual(['Incident INC-1: notice to the affected individuals is due 2026-11-21 (in 1 day): send it and record the date.']);
    expect(summaries('2026-09-25')).toEqual(['Incident INC-1: notice to the affected individuals is due 2026-11-24 (in 4 days): send it and record the date.']);
    expect(run(breachNotification, { register: { incidents: [incident({ discoveredOn: '2026-09-20' })] } })).toStrictEqual([
      {
        check: 'breach-notification',
        rule: 'notification-overdue',
        principal: 'INC-1',
        severity: 'high',
        summary: 'Incident INC-1: notice to the affected individuals was due 2026-11-19 (1 day ago) and is not on record: send it now and record the date.',
        evidence: { notice: 'individuals', deadline: '2026-11-19', rule: expect.any(String), discoveredOn: '2026-09-20', individualsAffected: 10 },
      },
    ]);
  });
});

