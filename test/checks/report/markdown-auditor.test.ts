import { markdownComparison, markdownExceptions, markdownFindingIds, markdownScope, markdownSignOff } from '../../../checks/report/markdown-auditor';
import { reportSha256 } from '../../../checks/report/report-digest';
import type { Report } from '../../../checks/report-model';
import { sampleReport } from './sample-report';

// Text in these sections comes from evidence (principals, summaries) and from the config (owners,
// controls): it must stay on its line and in its cell, and open no link, HTML or emphasis.
const evil = 'a\rb\n[x](javascript:1) <i>&</i> **c** `d` $e$';
const shownEvil = 'a b \\[x\\]\\(javascript:1\\) &lt;i&gt;&amp;&lt;/i&gt; \\*\\*c\\*\\* \\`d\\` \\$e\\$';
const noBreakout = (lines: readonly string[]) => {
  for (const line of lines) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).not.toContain('](javascript:');
    expect(line).not.toContain('<i>');
  }
};

const scope: NonNullable<Report['scope']> = {
  source: 'evidence',
  evidenceDir: 'evidence/2026-q4',
  accounts: ['111122223333'],
  regions: ['us-east-1', 'us-west-2'],
  trails: [{ bucket: 'trail-bucket', prefix: 'org/' }],
  tool: { name: 'coding-env', version: '1.2.3' },
  runBy: { kind: 'os-user', identity: evil },
  configSha256: 'c'.repeat(64),
  registerSha256: null,
};

describe('report.md scope', () => {
  test('states every field, lists as inline code, an unreadable register said so', () => {
    const lines = markdownScope({ ...sampleReport(), reportId: 'R-1', scope });
    expect(lines).toEqual([
      '## Scope',
      '',
      '- Report: `R-1`',
      '- Source: evidence `evidence/2026-q4`',
      '- Accounts: `111122223333`',
      '- Regions: `us-east-1`, `us-west-2`',
      '- Trail archives: `s3://trail-bucket/org/`',
      '- Tool: coding-env 1.2.3',
      `- Run by: ${shownEvil} (os-user)`,
      `- Config SHA-256: \`${'c'.repeat(64)}\``,
      '- Register SHA-256: not readable',
      '',
    ]);
  });
  test('empty lists, no evidence directory, a register digest; a value with a backtick is escaped, not put in code', () => {
    const lines = markdownScope({ ...sampleReport(), reportId: 'R`1', scope: { ...scope, source: 'live', evidenceDir: undefined, accounts: [], regions: [], trails: [], registerSha256: 'f'.repeat(64) } });
    expect(lines).toContain('- Report: R\\`1');
    expect(lines).toContain('- Source: live');
    expect(lines).toContain('- Accounts: none found in the evidence read');
    expect(lines).toContain('- Regions: none found in the evidence read');
    expect(lines).toContain('- Trail archives: none found in the evidence read');
    expect(lines).toContain(`- Register SHA-256: \`${'f'.repeat(64)}\``);
    expect(markdownScope({ ...sampleReport(), reportId: 'a\rb', scope })[2]).toBe('- Report: a b');
    const { reportId: _, ...unnamed } = sampleReport();
    expect(markdownScope({ ...unnamed, scope })[2]).toBe('- Report: not identified');
  });
  test('a report without scope says so', () => {
    const { scope: _, ...report } = sampleReport();
    expect(markdownScope(report as Report)).toEqual(['## Scope', '', 'This report does not state its scope (written by an older version).', '']);
  });
});

describe('report.md finding ids', () => {
  test('one row per finding with the items its check feeds; evidence text escaped', () => {
    const report = sampleReport();
    const base = report.findings.find((f) => f.check === 'privilege-creep') ?? report.findings[0];
    const lines = markdownFindingIds({ ...report, findings: [{ ...base, check: 'privilege-creep', id: 'F-1', principal: evil, recurrence: 'new' }, { ...base, check: 'stale-access', id: undefined, rule: 'r' }] });
    expect(lines.slice(0, 4)).toEqual(['### Finding ids', '', '| id | check | rule | principal | since last report | checklist |', '|---|---|---|---|---|---|']);
    expect(lines[4]).toBe(`| \`F-1\` | privilege-creep | ${base.rule.replace(/[-]/g, '-')} | ${shownEvil} | new | item 3 |`);
    expect(lines[5]).toBe('| `` | stale-access | r | ' + base.principal + ' | not compared |  |');
    expect(lines[6]).toBe('');
    expect(lines).toHaveLength(7);
    noBreakout(lines);
  });
  test('no findings, no section', () => expect(markdownFindingIds({ ...sampleReport(), findings: [] })).toEqual([]));
});

describe('report.md comparison and trend', () => {
  const comparison: NonNullable<Report['comparison']> = {
    previous: { reportId: 'R-0', asOf: '2026-08-20T12:00:00Z', sha256: 'a'.repeat(64) },
    new: 2,
    recurring: 1,
    resolved: [{ id: 'F-9', check: 'stale-access', rule: 'r', principal: evil, severity: 'high', summary: `gone ${evil}` }],
  };
  const trend: NonNullable<Report['trend']> = [{ reportId: 'R-0', asOf: '2026-08-20T12:00:00Z', findings: { high: 3, medium: 2, low: 1 }, checklist: { pass: 5, fail: 2, error: 1 } }];
  test('the previous report, the resolved findings escaped, the trend', () => {
    const lines = markdownComparison({ ...sampleReport(), comparison, trend });
    expect(lines).toEqual([
      '## Since the previous report',
      '',
      `Against \`R-0\` as of 2026-08-20T12:00:00Z (report.json SHA-256 \`${'a'.repeat(64)}\`): 2 new, 1 recurring, 1 resolved.`,
      '',
      '| resolved | severity | principal | summary |',
      '|---|---|---|---|',
      `| F-9 | high | ${shownEvil} | gone ${shownEvil} |`,
      '',
      '### Trend',
      '',
      '| report | as of | high | medium | low | checklist pass/fail/error |',
      '|---|---|---|---|---|---|',
      '| R-0 | 2026-08-20 | 3 | 2 | 1 | 5/2/1 |',
      '',
    ]);
    noBreakout(lines);
  });
  test('nothing resolved: no table; no comparison and no trend: nothing', () => {
    expect(markdownComparison({ ...sampleReport(), comparison: { ...comparison, resolved: [] }, trend: [] })).toEqual([
      '## Since the previous report',
      '',
      `Against \`R-0\` as of 2026-08-20T12:00:00Z (report.json SHA-256 \`${'a'.repeat(64)}\`): 2 new, 1 recurring, 0 resolved.`,
      '',
    ]);
    const { comparison: _c, trend: _t, ...bare } = sampleReport();
    expect(markdownComparison(bare as Report)).toEqual([]);
  });
});

describe('report.md exceptions and sign-off', () => {
  test('each accepted exception, escaped, absent fields shown as such', () => {
    const lines = markdownExceptions({ ...sampleReport(), exceptions: [{ rule: 'AwsSolutions-IAM5', path: 'Stack/Role', compensatingControl: evil, owner: 'secops', reviewBy: '2027-01-01' }, { rule: 'HIPAA-X', compensatingControl: 'c' }] });
    expect(lines).toEqual([
      '## Accepted exceptions',
      '',
      '| rule | scope | compensating control | owner | review by |',
      '|---|---|---|---|---|',
      `| AwsSolutions-IAM5 | Stack/Role | ${shownEvil} | secops | 2027-01-01 |`,
      '| HIPAA-X | whole app | c |  |  |',
      '',
    ]);
  });
  test('none: says so', () => {
    expect(markdownExceptions({ ...sampleReport(), exceptions: [] })).toEqual(['## Accepted exceptions', '', 'None.', '']);
    const { exceptions: _, ...bare } = sampleReport();
    expect(markdownExceptions(bare as Report)).toEqual(['## Accepted exceptions', '', 'None.', '']);
  });
  test('the sign-off carries the SHA-256 of report.json', () => {
    const report = sampleReport();
    expect(markdownSignOff(report)).toEqual(['## Sign-off', '', 'Reviewer: ____________________  Date: ____________  Signature: ____________________', '', `SHA-256 of report.json: \`${reportSha256(report)}\``, '']);
  });
});
