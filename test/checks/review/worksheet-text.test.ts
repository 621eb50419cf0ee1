import type { Finding } from '../../../checks/report-model';
import type { PhiAccess } from '../../../checks/review/phi-access';
import type { ReviewWorksheet } from '../../../checks/review/worksheet';
import { anomalyCells, coverageWarning, objectOf, populationLines, sampleCells, sampleLine, signCommand, weekLine } from '../../../checks/review/worksheet-text';

// The worksheet's words, exactly: the reviewer reads and signs them.
const access: PhiAccess = { eventId: 'e1', time: '2026-11-18T03:47:12Z', principal: 'mlopez', bucket: 'phi', key: 'orthopedics/P1/op.pdf', action: 'GetObject', sourceIp: '198.51.100.7', outcome: 'denied' };
const finding = (evidence: Finding['evidence'], summary = 'read at night'): Finding => ({ check: 'access-anomaly', rule: 'after-hours', principal: 'mlopez', severity: 'medium', summary, evidence });
const ws = (over: Partial<ReviewWorksheet> = {}): ReviewWorksheet => ({
  timeZone: 'America/New_York',
  week: { from: '2026-11-14T05:00:00.000Z', to: '2026-11-21T05:00:00.000Z' },
  seed: 'seed-1',
  accessesInWeek: 9,
  outsideWeek: 0,
  duplicates: 0,
  afterHours: [],
  outOfSpecialty: [],
  otherAnomalies: [],
  watchedRecords: [],
  aiAttestation: [],
  findingsOutsideWeek: 0,
  sample: [access, access],
  daysWithoutEvents: [],
  ...over,
});

describe('worksheet text', () => {
  test('the week in the organisation\'s zone', () => {
    expect(weekLine(ws())).toBe('2026-11-14 00:00 EST to 2026-11-21 00:00 EST (times in America/New_York)');
  });

  test('population: the count alone when nothing was left out', () => {
    expect(populationLines(ws())).toEqual(['PHI accesses in the week: 9.']);
  });

  test('population: what was left out, singular and plural', () => {
    expect(populationLines(ws({ outsideWeek: 1, duplicates: 2, findingsOutsideWeek: 1 }))).toEqual([
      'PHI accesses in the week: 9.',
      "Not in this worksheet: 1 record outside the week; 2 repeated event ids (counted once); 1 anomaly finding dated outside the week (left to that week's review).",
    ]);
    expect(populationLines(ws({ outsideWeek: 3 }))[1]).toBe('Not in this worksheet: 3 records outside the week.');
    expect(populationLines(ws({ duplicates: 1 }))[1]).toBe('Not in this worksheet: 1 repeated event id (counted once).');
    expect(populationLines(ws({ findingsOutsideWeek: 2 }))[1]).toBe("Not in this worksheet: 2 anomaly findings dated outside the week (left to that week's review).");
  });

  test('coverage: no warning for a whole week; one day or several named', () => {
    expect(coverageWarning(ws())).toBeUndefined();
    expect(coverageWarning(ws({ daysWithoutEvents: ['2026-11-16'] }))).toBe(
      'WARNING: no CloudTrail events at all on 2026-11-16 (1 day): the trail delivered nothing for that day, or it was not collected. PHI accesses found: 9, a lower bound; accesses on those days are unknown, not zero. Check the trail and review those days again.',
    );
    const two = coverageWarning(ws({ daysWithoutEvents: ['2026-11-16', '2026-11-17'] }));
    expect(two).toContain('on 2026-11-16, 2026-11-17 (2 days): the trail delivered nothing for those days,');
    expect(populationLines(ws({ daysWithoutEvents: ['2026-11-16'], outsideWeek: 1 }))).toEqual([coverageWarning(ws({ daysWithoutEvents: ['2026-11-16'] })), 'Not in this worksheet: 1 record outside the week.']);
  });

  test('the sample line and the sign command name the sample size and seed', () => {
    expect(sampleLine(ws())).toBe('Random sample of 2 of 9 PHI accesses, drawn with seed "seed-1" (the same seed and records give the same sample). For each, confirm the person had a work reason to open the record.');
    expect(signCommand(ws())).toBe('coding-env review sign --reviewer ID --sampled 2 --anomalies N --actions "TEXT" --register register.json');
  });

  test('object and sample cells', () => {
    expect(objectOf(access)).toBe('s3://phi/orthopedics/P1/op.pdf');
    expect(sampleCells(access, 0, 'America/New_York')).toEqual(['1', '2026-11-17 22:47 EST', 'mlopez', 'GetObject', 's3://phi/orthopedics/P1/op.pdf', 'denied', '198.51.100.7']);
    expect(sampleCells({ ...access, outcome: undefined, sourceIp: '' }, 4, 'UTC')).toEqual(['5', '2026-11-18 03:47 UTC', 'mlopez', 'GetObject', 's3://phi/orthopedics/P1/op.pdf', 'not recorded', '—']);
  });
});

describe('anomalyCells', () => {
  test('an access among the records: its time, object and outcome; the other evidence in the finding, times local', () => {
    const f = finding({ eventId: 'e1', time: '2026-11-18T03:47:12Z', key: 'x', events: [], eventID: 'E', userAgent: 'aws-cli', at: '2026-11-18T03:47:12Z' });
    expect(anomalyCells({ finding: f, access }, 2, 'America/New_York')).toEqual(['3', '2026-11-17 22:47 EST', 'mlopez', 's3://phi/orthopedics/P1/op.pdf', 'denied', 'read at night (userAgent: aws-cli; at: 2026-11-17 22:47 EST)']);
  });

  test('an event not among the records: what the finding says of it', () => {
    const f = finding({});
    expect(anomalyCells({ finding: f, event: { eventId: 'e9', time: '2026-11-18T12:00:00Z', outcome: 'allowed' } }, 0, 'UTC')).toEqual(['1', '2026-11-18 12:00 UTC', 'mlopez', "not among this week's records (event e9)", 'allowed', 'read at night']);
  });

  test('only the finding: its own time and key, or says they are not recorded', () => {
    expect(anomalyCells({ finding: finding({ time: '2026-11-18T12:00:00Z', key: 'cardiology/P2/x' }) }, 0, 'UTC')).toEqual(['1', '2026-11-18 12:00 UTC', 'mlopez', 'cardiology/P2/x', 'not recorded', 'read at night']);
    expect(anomalyCells({ finding: finding({ time: 5, key: 7 }) }, 0, 'UTC')).toEqual(['1', 'time not recorded', 'mlopez', "not among this week's records (event unknown)", 'not recorded', 'read at night']);
  });

  test('the summary\'s instants in the zone; accesses the rule did not list are counted', () => {
    const f = finding({}, 'opened at 2026-11-18T03:47:12Z and 2026-11-18T04:00+00:00');
    expect(anomalyCells({ finding: f, access, unlisted: 1 }, 0, 'America/New_York')[5]).toBe('opened at 2026-11-17 22:47 EST and 2026-11-17 23:00 EST 1 more access of this finding are in the audit report.');
    expect(anomalyCells({ finding: f, access, unlisted: 3 }, 0, 'UTC')[5]).toBe('opened at 2026-11-18 03:47 UTC and 2026-11-18 04:00 UTC 3 more accesses of this finding are in the audit report.');
    expect(anomalyCells({ finding: finding({}), access, unlisted: 0 }, 0, 'UTC')[5]).toBe('read at night');
  });
});
