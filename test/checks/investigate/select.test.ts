import fc from 'fast-check';
import { csvCell, renderAccessesCsv } from '../../../checks/investigate/csv';
import { renderInvestigationHtml } from '../../../checks/investigate/html';
import { localTime } from '../../../checks/investigate/local-time';
import type { InvestigationReport } from '../../../checks/investigate/report';
import { investigate, type Subject } from '../../../checks/investigate/select';
import type { Evidence } from '../../../checks/model/audit-model';
import { computeCoverage, utcDay } from '../../../checks/model/completeness';
import type { AuditEvent } from '../../../checks/model/events';
import { config, event } from '../helpers';

const PHI = 'examplecoding-phi-records';
const range = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-12T23:59:59.999Z') };
const s3 = (time: string, key: string, over: Partial<AuditEvent> = {}) => event({ time, eventSource: 's3.amazonaws.com', eventName: 'GetObject', bucket: PHI, key, ...over });

const events: AuditEvent[] = [
  s3('2026-11-11T15:00:00Z', 'cardiology/P100234/echo.pdf', { id: 'b' }),
  s3('2026-11-10T14:00:00Z', 'orthopedics/P100234/x-ray.dcm', { id: 'a', userName: 'mgarcia', success: false }),
  s3('2026-11-10T14:30:00Z', 'cardiology/P100235/echo.pdf', { id: 'c' }),
  s3('2026-11-10T15:00:00Z', 'cardiology/P100234/echo.pdf', { id: 'other-bucket', bucket: 'some-other-bucket' }),
  s3('2026-11-10T15:30:00Z', 'P100234', { id: 'no-patient-segment' }),
  s3('2026-11-09T23:59:59Z', 'cardiology/P100234/echo.pdf', { id: 'before' }),
  s3('2026-11-12T16:00:00Z', 'cardiology/P100234/echo.pdf', { id: 'role', userName: undefined, identityType: 'AssumedRole' }),
  event({ time: '2026-11-11T10:00:00Z', id: 'mgmt', userName: 'jdoe' }),
];

const covered = (evs: readonly AuditEvent[]) => computeCoverage(range.from, range.to, new Map([['', new Set(evs.map((e) => utcDay(e.timeMs)))]]));
function run(subject: Subject, evidence: Evidence<readonly AuditEvent[]> = { ok: true, value: events }, coverage = covered(events)) {
  return investigate({ config: config(), subject, range, events: evidence, coverage });
}

describe('investigate: selection', () => {
  test('by patient: every PHI data event on <specialty>/<patient>/..., any specialty and principal, allowed and denied, oldest first', () => {
    const r = run({ kind: 'patient', id: 'P100234' });
    expect(r.accesses.map((a) => a.eventId)).toEqual(['a', 'b', 'role']);
    expect(r.accesses[0]).toMatchObject({ person: 'mgarcia', action: 'GetObject', objectKey: 'orthopedics/P100234/x-ray.dcm', outcome: 'denied', timeUtc: '2026-11-10T14:00:00.000Z', timeLocal: '2026-11-10 09:00:00 -05:00 (EST)' });
    expect(r.accesses[2].person).toBe('(AssumedRole)');
    expect(r.complete).toBe(true);
    expect(r.incomplete).toEqual([]);
  });

  test('by person: only that IAM user, only PHI data events (not management calls)', () => {
    expect(run({ kind: 'person', id: 'jdoe' }).accesses.map((a) => a.eventId)).toEqual(['c', 'no-patient-segment', 'b']);
    expect(run({ kind: 'person', id: 'mgarcia' }).accesses.map((a) => a.eventId)).toEqual(['a']);
  });

  test('by prefix: keys starting with it, literally (no pattern characters)', () => {
    expect(run({ kind: 'prefix', prefix: 'cardiology/P10023' }).accesses.map((a) => a.eventId)).toEqual(['c', 'b', 'role']);
    expect(run({ kind: 'prefix', prefix: 'cardiology/.*' }).accesses).toEqual([]);
  });

  test('not found: no access, and complete when the range is covered', () => {
    const r = run({ kind: 'patient', id: 'P999999' });
    expect(r.accesses).toEqual([]);
    expect(r.complete).toBe(true);
  });

  test('range not covered: incomplete, naming the days, still listing what was found', () => {
    const some = events.filter((e) => !e.time.startsWith('2026-11-11'));
    const r = run({ kind: 'patient', id: 'P100234' }, { ok: true, value: some }, covered(some));
    expect(r.complete).toBe(false);
    expect(r.incomplete.join(' ')).toContain('no event on 2026-11-11');
    expect(r.accesses.map((a) => a.eventId)).toEqual(['a', 'role']);
  });

  test('an input not read whole, or events unreadable: incomplete, naming why', () => {
    const partial = run({ kind: 'patient', id: 'P100234' }, { ok: true, value: events, problems: ['cloudtrail/x.json.gz: partial: cut short'] });
    expect(partial.complete).toBe(false);
    expect(partial.incomplete.join(' ')).toContain('cloudtrail/x.json.gz: partial: cut short');
    expect(partial.accesses).toHaveLength(3);
    const none = run({ kind: 'patient', id: 'P100234' }, { ok: false, error: 'cloudtrail/ not found' });
    expect(none.complete).toBe(false);
    expect(none.accesses).toEqual([]);
    expect(none.incomplete.join(' ')).toContain('cloudtrail/ not found');
  });
});

describe('investigate: output', () => {
  test('local time carries the offset, across the November DST change (the repeated hour is told apart)', () => {
    expect(localTime(Date.parse('2026-11-01T05:30:00Z'), 'America/New_York')).toBe('2026-11-01 01:30:00 -04:00 (EDT)');
    expect(localTime(Date.parse('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01 01:30:00 -05:00 (EST)');
    expect(localTime(Date.parse('2026-07-01T12:00:00.750Z'), 'Asia/Kolkata')).toBe('2026-07-01 17:30:00 +05:30 (GMT+5:30)');
  });

  test('CSV cells: quoted when needed, a formula prefix neutralised', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const c of ['+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(c).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  test('property: a CSV cell parses back to its value (after the formula prefix) and never starts a formula', () => {
    const parse = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = csvCell(value);
        const back = parse(cell);
        expect(/^[=+\-@\t\r]/.test(back)).toBe(false);
        expect(back.replace(/^'(?=[=+\-@\t\r])/, '')).toBe(value);
        if (!cell.startsWith('"')) expect(/[",\r\n]/.test(cell)).toBe(false);
      }),
    );
  });

  test('accesses.csv has a header and one line per access; the HTML escapes everything from evidence', () => {
    const hostile = s3('2026-11-11T15:00:00Z', 'cardiology/P100234/<script>alert(1)</script>', { id: '=cmd|"/c calc"!A1', sourceIp: '"><img src=x>' });
    const r = investigate({ config: config(), subject: { kind: 'patient', id: 'P100234' }, range, events: { ok: true, value: [hostile] }, coverage: covered(events) });
    const csv = renderAccessesCsv(r.accesses).split('\r\n');
    expect(csv[0]).toBe('time_utc,time_local,person,action,object_key,outcome,source_ip,event_id,account');
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(`"'=cmd|""/c calc""!A1"`);
    const report: InvestigationReport = { ...r, organization: 'Org <b>', generatedAt: '2026-11-20T00:00:00Z', tool: 'coding-env test', inputs: [] };
    const html = renderInvestigationHtml(report);
    expect(html).not.toMatch(/<script>|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<link|src="http|href="http/);
  });
});
