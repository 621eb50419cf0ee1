import fc from 'fast-check';
import { ACCESS_COLUMNS, csvCell, renderAccessesCsv } from '../../../checks/investigate/csv';
import { renderInvestigationHtml } from '../../../checks/investigate/html';
import { localTime } from '../../../checks/investigate/local-time';
import { type InvestigationReport, renderInvestigationJson } from '../../../checks/investigate/report';
import { describeSubject, investigate, investigationFilter, type Subject } from '../../../checks/investigate/select';
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

describe('investigate: exact records and boundaries', () => {
  test('an access carries every field of its event; the account only when the record names it', () => {
    const one = s3('2026-11-11T15:00:00Z', 'cardiology/P100234/echo.pdf', { id: 'x1', eventName: 'PutObject', sourceIp: '203.0.113.9', account: '111122223333', userName: 'rpatel' });
    const r = run({ kind: 'patient', id: 'P100234' }, { ok: true, value: [one] });
    expect(r.accesses).toEqual([
      { timeUtc: '2026-11-11T15:00:00.000Z', timeLocal: '2026-11-11 10:00:00 -05:00 (EST)', person: 'rpatel', action: 'PutObject', objectKey: 'cardiology/P100234/echo.pdf', outcome: 'allowed', sourceIp: '203.0.113.9', eventId: 'x1', account: '111122223333' },
    ]);
    const noAccount = run({ kind: 'patient', id: 'P100234' }, { ok: true, value: [{ ...one, account: undefined }] });
    expect(Object.keys(noAccount.accesses[0])).not.toContain('account');
  });

  test('a principal without a user name or identity type is "(unknown)"', () => {
    const anon = s3('2026-11-11T15:00:00Z', 'cardiology/P100234/echo.pdf', { userName: undefined, identityType: '' });
    expect(run({ kind: 'patient', id: 'P100234' }, { ok: true, value: [anon] }).accesses[0].person).toBe('(unknown)');
  });

  test('the range bounds are inclusive to the millisecond', () => {
    const at = (time: string, id: string) => s3(time, 'cardiology/P100234/echo.pdf', { id });
    const evs = [at('2026-11-09T23:59:59.999Z', 'before'), at('2026-11-10T00:00:00.000Z', 'first'), at('2026-11-12T23:59:59.999Z', 'last'), at('2026-11-13T00:00:00.000Z', 'after')];
    expect(run({ kind: 'patient', id: 'P100234' }, { ok: true, value: evs }).accesses.map((a) => a.eventId)).toEqual(['first', 'last']);
  });

  test('same instant: ordered by event id, whatever the input order', () => {
    const at = (id: string) => s3('2026-11-11T15:00:00Z', 'cardiology/P100234/echo.pdf', { id });
    for (const order of [['m', 'a', 'z', 'a'], ['z', 'a', 'm', 'a'], ['a', 'a', 'm', 'z']]) {
      expect(run({ kind: 'patient', id: 'P100234' }, { ok: true, value: order.map(at) }).accesses.map((a) => a.eventId)).toEqual(['a', 'a', 'm', 'z']);
    }
  });

  test('patient: the second key segment, with an object below it; other events are not PHI data events', () => {
    const keys = ['cardiology/P100234/echo.pdf', 'cardiology/P100234', 'P100234/cardiology/x', 'cardiology/P1002345/x', 'a/P100234/b/c'];
    const evs = keys.map((key, i) => s3('2026-11-11T15:00:00Z', key, { id: `k${i}` }));
    expect(run({ kind: 'patient', id: 'P100234' }, { ok: true, value: evs }).accesses.map((a) => a.objectKey)).toEqual(['cardiology/P100234/echo.pdf', 'a/P100234/b/c']);
    const notData = [s3('2026-11-11T15:00:00Z', 'cardiology/P100234/x', { eventSource: 'kms.amazonaws.com' }), s3('2026-11-11T15:00:00Z', 'cardiology/P100234/x', { key: undefined })];
    expect(run({ kind: 'patient', id: 'P100234' }, { ok: true, value: notData }).accesses).toEqual([]);
    expect(run({ kind: 'prefix', prefix: 'cardiology/' }, { ok: true, value: [s3('2026-11-11T15:00:00Z', 'x', { key: undefined })] }).accesses).toEqual([]);
  });

  test('the result names the range, zone, bucket and coverage', () => {
    const cov = covered(events);
    const r = run({ kind: 'person', id: 'jdoe' }, { ok: true, value: events }, cov);
    expect(r).toMatchObject({ subject: { kind: 'person', id: 'jdoe' }, from: '2026-11-10T00:00:00.000Z', to: '2026-11-12T23:59:59.999Z', timezone: 'America/New_York', bucket: PHI, coverage: cov, complete: true, incomplete: [] });
  });

  test('describeSubject', () => {
    expect(describeSubject({ kind: 'patient', id: 'P1' })).toBe('patient P1');
    expect(describeSubject({ kind: 'person', id: 'jdoe' })).toBe('person jdoe');
    expect(describeSubject({ kind: 'prefix', prefix: 'cardiology/' })).toBe('prefix cardiology/');
  });

  test('investigationFilter keeps what investigate selects', () => {
    const keep = investigationFilter(config(), { kind: 'patient', id: 'P100234' }, range);
    expect(events.filter(keep).map((e) => e.id).sort()).toEqual(['a', 'b', 'role']);
  });
});

describe('investigate: local time', () => {
  test('whole-second offsets, positive and negative, with minutes', () => {
    expect(localTime(Date.parse('2026-01-15T12:00:00Z'), 'UTC')).toBe('2026-01-15 12:00:00 +00:00 (UTC)');
    expect(localTime(Date.parse('2026-01-15T12:00:00Z'), 'America/St_Johns')).toBe('2026-01-15 08:30:00 -03:30 (GMT-3:30)');
    expect(localTime(Date.parse('2026-01-15T12:00:00Z'), 'Asia/Kathmandu')).toBe('2026-01-15 17:45:00 +05:45 (GMT+5:45)');
    expect(localTime(Date.parse('2026-07-15T23:59:59.999Z'), 'Pacific/Kiritimati')).toBe('2026-07-16 13:59:59 +14:00 (GMT+14)');
    expect(localTime(Date.parse('2026-01-15T12:00:00Z'), 'Pacific/Pago_Pago')).toBe('2026-01-15 01:00:00 -11:00 (GMT-11)');
  });

  test('before 1970 the milliseconds are still dropped, not rounded into the offset', () => {
    expect(localTime(Date.parse('1969-12-31T23:59:59.500Z'), 'UTC')).toBe('1969-12-31 23:59:59 +00:00 (UTC)');
  });
});

describe('investigate: accesses.csv', () => {
  test('the account cell is empty when the record names none; lines end CRLF', () => {
    const a = { timeUtc: 't', timeLocal: 'l', person: 'p', action: 'GetObject', objectKey: 'k', outcome: 'allowed' as const, sourceIp: 'ip', eventId: 'id' };
    expect(renderAccessesCsv([a, { ...a, account: '111122223333' }])).toBe(`${ACCESS_COLUMNS.join(',')}\r\nt,l,p,GetObject,k,allowed,ip,id,\r\nt,l,p,GetObject,k,allowed,ip,id,111122223333\r\n`);
    expect(renderAccessesCsv([])).toBe('time_utc,time_local,person,action,object_key,outcome,source_ip,event_id,account\r\n');
  });

  test('a formula character only at the start is neutralised; a carriage return alone is quoted', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(csvCell('-')).toBe("'-");
  });
});

describe('investigate: investigation.html', () => {
  const access = { timeUtc: '2026-11-11T15:00:00.000Z', timeLocal: '2026-11-11 10:00:00 -05:00 (EST)', person: 'jdoe', action: 'GetObject', objectKey: 'cardiology/P1/x.pdf', outcome: 'allowed' as const, sourceIp: '198.51.100.3', eventId: 'e1' };
  const report = (over: Partial<InvestigationReport> = {}): InvestigationReport => ({
    subject: { kind: 'patient', id: 'P1' },
    from: '2026-11-10T00:00:00.000Z',
    to: '2026-11-12T23:59:59.999Z',
    timezone: 'America/New_York',
    bucket: PHI,
    accesses: [access],
    coverage: { from: '2026-11-10T00:00:00.000Z', to: '2026-11-12T23:59:59.999Z', gaps: [] },
    complete: true,
    incomplete: [],
    organization: 'Example Coding Group',
    generatedAt: '2026-11-20T00:00:00.000Z',
    tool: 'coding-env 1.0.0',
    inputs: [],
    ...over,
  });
  const input = (status: 'read' | 'partial') => ({ source: 'cloudtrail/a.json', kind: 'cloudtrail', status, records: 1, sha256: '0'.repeat(64) }) as InvestigationReport['inputs'][number];

  test('complete: the notice, the range, the counts, one principal, no gap', () => {
    const html = renderInvestigationHtml(report({ inputs: [input('read')] }));
    expect(html).toContain('<title>Access investigation: patient P1</title>');
    expect(html).toContain('<h1>Access investigation: patient P1</h1>');
    expect(html).toContain('<p>Example Coding Group. Contains protected health information');
    expect(html).toContain(`<dd>PHI data events on s3://${PHI}, allowed and denied</dd>`);
    expect(html).toContain('<dd>2026-11-10T00:00:00.000Z to 2026-11-12T23:59:59.999Z</dd>');
    expect(html).toContain('<dd>1 (0 denied) by 1 principal</dd>');
    expect(html).toContain('<dd>2026-11-20T00:00:00.000Z by coding-env 1.0.0</dd>');
    expect(html).toContain('<div class="notice complete"><strong>Complete:</strong> every CloudTrail input was read whole and every UTC day from 2026-11-10 to 2026-11-12 holds events.</div>');
    expect(html).not.toContain('INCOMPLETE');
    expect(html).toContain('<th>Time (America/New_York)</th>');
    expect(html).toContain('<tr><td class="nowrap">2026-11-11T15:00:00.000Z</td><td class="nowrap">2026-11-11 10:00:00 -05:00 (EST)</td><td class="mono">jdoe</td><td class="nowrap">GetObject</td><td class="mono">cardiology/P1/x.pdf</td><td>allowed</td><td class="mono nowrap">198.51.100.3</td><td class="mono">e1</td></tr>');
    expect(html).toContain('<p>Every UTC day of the range holds CloudTrail events.</p>');
    expect(html).toContain('<p>1 CloudTrail input offered, 1 read whole (listed with SHA-256 in investigation.json).</p>');
  });

  test('incomplete: each reason listed, denied accesses marked, principals counted, gaps with their account', () => {
    const html = renderInvestigationHtml(
      report({
        complete: false,
        incomplete: ['evidence incomplete: <x>', 'second'],
        accesses: [access, { ...access, person: 'mgarcia', outcome: 'denied' }, { ...access, eventId: 'e3' }],
        coverage: { from: '', to: '', gaps: [{ from: '2026-11-10', to: '2026-11-10' }, { from: '2026-11-11', to: '2026-11-12', account: '111122223333' }] },
        inputs: [input('read'), input('partial')],
      }),
    );
    expect(html).toContain('<div class="notice incomplete"><strong>INCOMPLETE: this is not a full accounting.</strong> Accesses outside the evidence read cannot be excluded.<ul><li>evidence incomplete: &lt;x&gt;</li><li>second</li></ul></div>');
    expect(html).not.toContain('notice complete');
    expect(html).toContain('<dd>3 (1 denied) by 2 principals</dd>');
    expect(html).toContain('<td><strong>denied</strong></td>');
    expect(html).toContain('<p>UTC days without any CloudTrail event: 2026-11-10, 2026-11-11 to 2026-11-12 (account 111122223333).</p>');
    expect(html).toContain('<p>2 CloudTrail inputs offered, 1 read whole');
  });

  test('no access: the sentence instead of the table; prefix subjects in the title', () => {
    const html = renderInvestigationHtml(report({ accesses: [], subject: { kind: 'prefix', prefix: 'cardiology/<b>' } }));
    expect(html).toContain('<p class="none">No PHI data event matches in the evidence read.</p>');
    expect(html).not.toContain('<table>');
    expect(html).toContain('<dd>0 (0 denied) by 0 principals</dd>');
    expect(html).toContain('<h1>Access investigation: prefix cardiology/&lt;b&gt;</h1>');
    expect(html).toContain('<p>0 CloudTrail inputs offered, 0 read whole');
  });

  test('investigation.json is the report, indented, one final newline', () => {
    const r = report();
    expect(renderInvestigationJson(r)).toBe(`${JSON.stringify(r, null, 2)}\n`);
  });
});
