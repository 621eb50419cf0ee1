import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../../lib/config/load';
import type { Finding } from '../../../checks/report-model';
import { type PhiAccess, phiAccessSchema } from '../../../checks/review/phi-access';
import { buildWorksheet, DEFAULT_SAMPLE_SIZE, defaultSeed, weekEndingOn } from '../../../checks/review/worksheet';
import { sampleReport } from '../report/sample-report';

const accesses: PhiAccess[] = z.array(phiAccessSchema).parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'review', 'phi-accesses.json'), 'utf8')));
/** The sample report's findings: two access anomalies in the week, and findings of other checks. */
const findings: Finding[] = sampleReport().findings;
const week = weekEndingOn('2026-11-20');

describe('weekEndingOn', () => {
  test('is the seven UTC days ending with the date', () => {
    expect(week).toEqual({ from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' });
  });
  test('is bounded by local midnights in the organisation\'s zone', () => {
    expect(weekEndingOn('2026-11-20', 'America/New_York')).toEqual({ from: '2026-11-14T05:00:00.000Z', to: '2026-11-21T05:00:00.000Z' });
    // DST starts on 2026-03-08: the week is an hour shorter, not shifted.
    expect(weekEndingOn('2026-03-13', 'America/New_York')).toEqual({ from: '2026-03-07T05:00:00.000Z', to: '2026-03-14T04:00:00.000Z' });
  });
  test('refuses an unknown zone, naming the field', () => {
    expect(() => weekEndingOn('2026-11-20', 'Mars/Olympus')).toThrow(/timeZone: not an IANA time zone: "Mars\/Olympus"/);
  });
  test('refuses a bad date, naming the field', () => {
    expect(() => weekEndingOn('20-11-2026')).toThrow(InputError);
    expect(() => weekEndingOn('20-11-2026')).toThrow(/weekEnding: must be a date YYYY-MM-DD/);
  });
});

describe('buildWorksheet', () => {
  test('puts after-hours and out-of-specialty findings of the access-anomaly check in their sections, with the access', () => {
    const ws = buildWorksheet(accesses, findings, { week });
    expect(ws.afterHours.map((e) => [e.finding.principal, e.access?.key])).toEqual([['mlopez', 'orthopedics/P-88410/op-note_<img src=x onerror=alert(1)>.pdf']]);
    expect(ws.outOfSpecialty.map((e) => [e.finding.principal, e.access?.eventId])).toEqual([['jdoe', '0f3e9a2b-44c1-4b7e-a1d2-9e8f7a6b5c33']]);
    expect(ws.otherAnomalies).toEqual([]);
  });

  test('counts the accesses in the week once each, and says what it left out', () => {
    const ws = buildWorksheet(accesses, findings, { week });
    expect(ws.accessesInWeek).toBe(9);
    expect(ws.duplicates).toBe(1);
    expect(ws.outsideWeek).toBe(1);
    expect(ws.findingsOutsideWeek).toBe(0);
  });

  test('samples reproducibly: same seed and records (in any order) give the same sample', () => {
    const a = buildWorksheet(accesses, findings, { week, sampleSize: 4, seed: 'audit-2026-w47' });
    const b = buildWorksheet([...accesses].reverse(), findings, { week, sampleSize: 4, seed: 'audit-2026-w47' });
    expect(a.sample).toHaveLength(4);
    expect(b.sample).toEqual(a.sample);
    const others = ['w1', 'w2', 'w3', 'w4', 'w5'].map((seed) => buildWorksheet(accesses, findings, { week, sampleSize: 4, seed }).sample.map((s) => s.eventId).join());
    expect(new Set([...others, a.sample.map((s) => s.eventId).join()]).size).toBeGreaterThan(1);
  });

  test('derives the default seed from the week and samples 25 by default', () => {
    const ws = buildWorksheet(accesses, findings, { week });
    expect(ws.seed).toBe(defaultSeed(week));
    expect(ws.seed).toBe('log-review 2026-11-14T00:00:00.000Z/2026-11-21T00:00:00.000Z');
    expect(DEFAULT_SAMPLE_SIZE).toBe(25);
    expect(ws.sample).toHaveLength(9); // all there is
    expect(ws.sample.every((s) => s.time >= week.from && s.time < week.to)).toBe(true);
    expect(buildWorksheet(accesses, findings, { week: weekEndingOn('2026-11-27'), sampleSize: 3 }).seed).not.toBe(ws.seed);
  });

  test('leaves findings dated in another week to that week, and keeps findings it cannot date', () => {
    const late: Finding = { ...findings[7]!, evidence: { time: '2026-11-25T03:00:00Z' } };
    const undated: Finding = { ...findings[6]!, evidence: {} };
    const ws = buildWorksheet(accesses, [late, undated], { week });
    expect(ws.findingsOutsideWeek).toBe(1);
    expect(ws.afterHours).toEqual([]);
    expect(ws.outOfSpecialty.map((e) => e.finding)).toEqual([undated]);
  });

  test('lists access-anomaly findings of other rules rather than dropping them', () => {
    const other: Finding = { check: 'access-anomaly', rule: 'bulk-download', principal: 'klee', severity: 'high', summary: 'klee read 400 records in 5 minutes', evidence: { time: '2026-11-17T12:00:00Z' } };
    expect(buildWorksheet(accesses, [other], { week }).otherAnomalies.map((e) => e.finding)).toEqual([other]);
  });

  test('shows times in the organisation\'s zone when given one', () => {
    const ws = buildWorksheet(accesses, findings, { week, timeZone: 'America/New_York' });
    expect(ws.timeZone).toBe('America/New_York');
    expect(() => buildWorksheet(accesses, findings, { week, timeZone: 'Nowhere/Else' })).toThrow(/timeZone: not an IANA time zone/);
  });

  test('refuses bad options and bad records with the field path', () => {
    expect(() => buildWorksheet(accesses, findings, { week, sampleSize: -1 })).toThrow(/sampleSize: /);
    expect(() => buildWorksheet(accesses, findings, { week: { from: week.to, to: week.from } })).toThrow(/week\.to: from must be before to/);
    const bad = [{ ...accesses[0]!, time: 'yesterday' }];
    expect(() => buildWorksheet(bad, findings, { week })).toThrow(/accesses is invalid:\n {2}- \[0\]\.time: must be an ISO date-time/);
  });
});
