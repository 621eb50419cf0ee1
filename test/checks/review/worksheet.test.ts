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

describe('buildWorksheet: rows of a finding', () => {
  const wk = { from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };
  const acc = (eventId: string, time: string, principal = 'jdoe'): PhiAccess => ({ eventId, time, principal, bucket: 'phi', key: `cardiology/${eventId}/x`, action: 'GetObject', sourceIp: '198.51.100.3' });
  const anomaly = (rule: string, principal: string, evidence: Finding['evidence']): Finding => ({ check: 'access-anomaly', rule, principal, severity: 'medium', summary: 's', evidence });

  test('listed events: one row each, the access when among the records, else the event; the rest counted on the first row', () => {
    const f = anomaly('out-of-specialty', 'jdoe', { count: 4, events: [{ eventId: 'a', time: '2026-11-15T10:00:00Z', success: false }, { eventId: 'zz', time: '2026-11-16T10:00:00Z', success: true }, { eventId: 'q' }, 7, null, { time: 'x' }] });
    const ws = buildWorksheet([acc('a', '2026-11-15T10:00:00Z')], [f], { week: wk });
    expect(ws.outOfSpecialty).toEqual([
      { finding: f, access: acc('a', '2026-11-15T10:00:00Z'), unlisted: 1 },
      { finding: f, event: { eventId: 'zz', time: '2026-11-16T10:00:00Z', outcome: 'allowed' } },
      { finding: f, event: { eventId: 'q' } },
    ]);
  });

  test('a count no greater than the events listed adds nothing; a count that is not a number is ignored', () => {
    const two = [{ eventId: 'a', time: '2026-11-15T10:00:00Z', success: false }, { eventId: 'b', time: '2026-11-15T11:00:00Z' }];
    const rows = (count: unknown) => buildWorksheet([], [anomaly('after-hours', 'jdoe', { count: count as number, events: two })], { week: wk }).afterHours;
    for (const count of [2, 1, '9']) expect(rows(count).some((r) => 'unlisted' in r)).toBe(false);
    expect(rows(3)[0]!.unlisted).toBe(1);
    expect(rows(3)[1]).not.toHaveProperty('unlisted');
    expect(rows(3)[0]!.event).toEqual({ eventId: 'a', time: '2026-11-15T10:00:00Z', outcome: 'denied' });
  });

  test('a single eventId (or CloudTrail\'s eventID) with its time', () => {
    const one = anomaly('after-hours', 'jdoe', { eventId: 'x1', time: '2026-11-15T02:00:00Z' });
    expect(buildWorksheet([], [one], { week: wk }).afterHours).toEqual([{ finding: one, event: { eventId: 'x1', time: '2026-11-15T02:00:00Z' } }]);
    const upper = anomaly('after-hours', 'jdoe', { eventID: 'X2' });
    expect(buildWorksheet([], [upper], { week: wk }).afterHours).toEqual([{ finding: upper, event: { eventId: 'X2' } }]);
    const numeric = anomaly('after-hours', 'jdoe', { eventId: 5, time: 7 });
    expect(buildWorksheet([], [numeric], { week: wk }).afterHours).toEqual([{ finding: numeric }]);
  });

  test('ordered by time as instants, whatever the offset; then by principal; undated last', () => {
    const fs = [
      anomaly('after-hours', 'b', { time: '2026-11-15T10:00:00Z' }),
      anomaly('after-hours', 'z', {}),
      anomaly('after-hours', 'c', { time: '2026-11-15T06:00:00-05:00' }),
      anomaly('after-hours', 'a', { time: '2026-11-15T10:00:00Z' }),
      anomaly('after-hours', 'd', { time: '2026-11-15T09:00:00Z' }),
    ];
    expect(buildWorksheet([], fs, { week: wk }).afterHours.map((e) => e.finding.principal)).toEqual(['d', 'a', 'b', 'c', 'z']);
  });

  test('the week\'s bounds: from inclusive, to exclusive, for records and findings alike', () => {
    const records = [acc('first', '2026-11-14T00:00:00.000Z'), acc('last', '2026-11-20T23:59:59.999Z'), acc('next', '2026-11-21T00:00:00.000Z'), acc('prev', '2026-11-13T23:59:59.999Z')];
    const ws = buildWorksheet(records, [anomaly('after-hours', 'x', { time: '2026-11-21T00:00:00Z' }), anomaly('after-hours', 'y', { time: '2026-11-14T00:00:00Z' }), anomaly('after-hours', 'u', { time: 'not a time' })], { week: wk });
    expect(ws.accessesInWeek).toBe(2);
    expect(ws.outsideWeek).toBe(2);
    expect(ws.sample.map((s) => s.eventId)).toEqual(['first', 'last']);
    expect(ws.afterHours.map((e) => e.finding.principal)).toEqual(['y', 'u']);
    expect(ws.findingsOutsideWeek).toBe(1);
  });

  test('the population in canonical order: by time, then event id; the first of a repeated id is kept', () => {
    const records = [acc('b', '2026-11-15T10:00:00Z'), acc('a', '2026-11-15T10:00:00Z'), acc('c', '2026-11-15T09:00:00Z'), { ...acc('a', '2026-11-15T10:00:00Z'), principal: 'other' }];
    const ws = buildWorksheet(records, [], { week: wk, sampleSize: 10 });
    expect(ws.sample.map((s) => `${s.eventId}:${s.principal}`)).toEqual(['c:jdoe', 'a:jdoe', 'b:jdoe']);
    expect(ws.duplicates).toBe(1);
  });

  test('other checks\' findings: watch-list and attestation in their sections, anything else left out', () => {
    const watch: Finding = { check: 'watch-list', rule: 'watched-record', principal: 'jdoe', severity: 'high', summary: 's', evidence: {} };
    const ai: Finding = { check: 'ai-attestation', rule: 'unattested', principal: 'jdoe', severity: 'medium', summary: 's', evidence: {} };
    const stale: Finding = { check: 'stale-access', rule: 'x', principal: 'jdoe', severity: 'low', summary: 's', evidence: { time: '2026-11-15T10:00:00Z' } };
    const ws = buildWorksheet([], [watch, ai, stale], { week: wk });
    expect(ws.watchedRecords).toEqual([{ finding: watch }]);
    expect(ws.aiAttestation).toEqual([{ finding: ai }]);
    expect([...ws.afterHours, ...ws.outOfSpecialty, ...ws.otherAnomalies]).toEqual([]);
    expect(ws.findingsOutsideWeek).toBe(0);
  });

  test('the options as given: organization, days without events; defaults UTC and none', () => {
    const ws = buildWorksheet([], [], { week: wk, organization: 'Org', daysWithoutEvents: ['2026-11-15'], timeZone: 'America/Chicago' });
    expect(ws).toMatchObject({ organization: 'Org', daysWithoutEvents: ['2026-11-15'], timeZone: 'America/Chicago', week: wk });
    const bare = buildWorksheet([], [], { week: wk });
    expect(bare.timeZone).toBe('UTC');
    expect(bare.daysWithoutEvents).toEqual([]);
    expect(bare.organization).toBeUndefined();
    expect(() => buildWorksheet([], [], { week: wk, seed: '' })).toThrow(/options is invalid:\n {2}- seed/);
    expect(() => buildWorksheet([], [], { week: wk, daysWithoutEvents: ['15.11.2026'] })).toThrow(/daysWithoutEvents\[0\]/);
  });

  test('a week of equal bounds is refused; a week ending on an impossible date too', () => {
    expect(() => buildWorksheet([], [], { week: { from: wk.from, to: wk.from } })).toThrow(/week\.to: from must be before to/);
    expect(() => weekEndingOn('2026-13-01')).toThrow(/weekEnding: must be a date YYYY-MM-DD/);
    expect(() => weekEndingOn('x2026-11-20')).toThrow(/weekEnding: must be a date YYYY-MM-DD/);
    expect(() => weekEndingOn('2026-11-20x')).toThrow(/weekEnding: must be a date YYYY-MM-DD/);
  });
});
