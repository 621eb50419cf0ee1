import { findingId } from '../../../checks/report/finding-id';
import type { Finding, Report } from '../../../checks/report-model';
import { exampleReport } from './example-report';

const key = (f: Finding) => `${f.rule}:${f.principal}`;

describe('finding ids across two audits with shifted windows', () => {
  let a: Report;
  let b: Report;
  let narrow: Report;
  beforeAll(async () => {
    a = await exampleReport(new Date('2026-11-20T12:00:00Z'), 30);
    // Two days later: the window still holds every planted event, the credential ages have grown.
    b = await exampleReport(new Date('2026-11-22T12:00:00Z'), 30);
    // Four days only: fewer events of the same violations are in it.
    narrow = await exampleReport(new Date('2026-11-20T12:00:00Z'), 4);
  });

  test('every finding has an id, unique in its report', () => {
    for (const report of [a, b, narrow]) {
      const ids = report.findings.map((f) => f.id);
      expect(ids.every((id) => /^f-[0-9a-f]{16}$/.test(id ?? ''))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('the same violation keeps its id though its counts, ages and window differ', () => {
    const inB = new Map(b.findings.map((f) => [key(f), f]));
    const shared = a.findings.filter((f) => inB.has(key(f)));
    expect(shared.length).toBeGreaterThanOrEqual(15);
    for (const f of shared) expect({ finding: key(f), id: inB.get(key(f))?.id }).toEqual({ finding: key(f), id: f.id });
    // The summaries did change (ages counted to the as-of date): the id does not rest on them.
    expect(shared.some((f) => f.summary !== inB.get(key(f))?.summary)).toBe(true);

    const inNarrow = new Map(narrow.findings.map((f) => [key(f), f]));
    const both = a.findings.filter((f) => inNarrow.has(key(f)));
    expect(both.length).toBeGreaterThan(0);
    for (const f of both) expect(inNarrow.get(key(f))?.id).toBe(f.id);
  });

  test('a different principal, rule, group or key is a different violation', () => {
    const base: Finding = { check: 'privilege-creep', rule: 'excess-group', principal: 'jdoe', severity: 'high', summary: 's', evidence: { group: 'coders-cardiology', count: 3 } };
    expect(findingId({ ...base, evidence: { group: 'coders-cardiology', count: 9, eventIds: ['x'] } })).toBe(findingId(base));
    expect(findingId({ ...base, principal: 'rpatel' })).not.toBe(findingId(base));
    expect(findingId({ ...base, rule: 'direct-policy' })).not.toBe(findingId(base));
    expect(findingId({ ...base, evidence: { group: 'coders-orthopedics' } })).not.toBe(findingId(base));
    expect(findingId({ ...base, account: '444455556666' } as Finding)).not.toBe(findingId(base));
  });
});
