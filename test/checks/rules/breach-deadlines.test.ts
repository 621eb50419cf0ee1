import { noticesDue } from '../../../checks/rules/breach-deadlines';
import type { Incident } from '../../../checks/register/incidents';

// The deadlines themselves are also tested with breach-notification, which reads them.
const incident = (over: Partial<Incident> = {}): Incident => ({ id: 'INC-1', discoveredOn: '2026-09-14', individualsAffected: 10, residents: {}, notified: { media: {}, states: {} }, ...over });

describe('noticesDue: every notice in full', () => {
  test('a large breach: individuals, HHS at once, the media of each state with 500 residents and Florida\'s DLA, with what was sent', () => {
    const notified = { individuals: '2026-10-01', hhs: '2026-10-02', media: { FL: '2026-10-03' }, states: { FL: '2026-10-04' } };
    expect(noticesDue(incident({ individualsAffected: 1200, residents: { FL: 640, TX: 560 }, notified }))).toStrictEqual([
      { notice: 'individuals', to: 'the affected individuals', deadline: '2026-11-13', rule: '45 CFR 164.404(b): within 60 days of discovery', sentOn: '2026-10-01' },
      { notice: 'hhs', to: 'the HHS Secretary', deadline: '2026-11-13', rule: '45 CFR 164.408(b): 500 or more affected, within 60 days of discovery', sentOn: '2026-10-02' },
      { notice: 'media:FL', to: 'prominent media outlets in FL', deadline: '2026-11-13', rule: '45 CFR 164.406: 640 residents of FL, within 60 days of discovery', sentOn: '2026-10-03' },
      { notice: 'state:FL', to: "Florida's Department of Legal Affairs", deadline: '2026-10-14', rule: 'Fla. Stat. 501.171(3): 640 Florida residents, within 30 days of discovery', sentOn: '2026-10-04' },
      { notice: 'media:TX', to: 'prominent media outlets in TX', deadline: '2026-11-13', rule: '45 CFR 164.406: 560 residents of TX, within 60 days of discovery', sentOn: undefined },
    ]);
  });
  test('a small breach: HHS in the annual log, 60 days after the year of discovery ends', () => {
    expect(noticesDue(incident({ individualsAffected: 499 }))[1]).toStrictEqual({
      notice: 'hhs',
      to: 'the HHS Secretary',
      deadline: '2027-03-01',
      rule: '45 CFR 164.408(c): fewer than 500, within 60 days after the end of the calendar year of discovery',
      sentOn: undefined,
    });
  });
  test('exactly 500 affected is a large breach', () => {
    expect(noticesDue(incident({ individualsAffected: 500 })).find((n) => n.notice === 'hhs')?.deadline).toBe('2026-11-13');
  });
  test('nobody affected: no notice to individuals, only HHS\'s log', () => {
    expect(noticesDue(incident({ individualsAffected: 0 })).map((n) => n.notice)).toEqual(['hhs']);
  });
  test('states are taken in order of their codes, whatever order the register lists them in', () => {
    const due = noticesDue(incident({ individualsAffected: 2000, residents: { TX: 700, GA: 600, FL: 700 } }));
    expect(due.map((n) => n.notice)).toEqual(['individuals', 'hhs', 'media:FL', 'state:FL', 'media:GA', 'media:TX']);
  });
});
