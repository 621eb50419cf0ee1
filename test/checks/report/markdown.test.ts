import fc from 'fast-check';
import { escapeMarkdown } from '../../../checks/report/escape-markdown';
import { markdownWriter } from '../../../checks/report/markdown';
import type { Finding } from '../../../checks/report-model';
import { CHECKS } from '../../../lib/controls/catalog';
import { sampleReport } from './sample-report';

/** What a CommonMark renderer shows for escaped text: backslash escapes and our three entities undone. */
function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&(lt|gt|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&' })[e] as string);
}

/** Markdown-active characters that appear without a backslash before them. */
function unescapedActive(markdown: string): string[] {
  const bare: string[] = [];
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i];
    if (c === '\\') {
      i++; // the escaped character is literal
      continue;
    }
    if ('`*_{}[]()#+!|~$<>'.includes(c)) bare.push(c);
    if (c === '&' && !/^&(lt|gt|amp);/.test(markdown.slice(i))) bare.push(c);
  }
  return bare;
}

describe('escapeMarkdown', () => {
  test('a javascript: link, an image, an autolink and raw HTML come out as text', () => {
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)');
    expect(escapeMarkdown('![i](https://evil.example/p.png)')).toBe('\\!\\[i\\]\\(https://evil.example/p.png\\)');
    expect(escapeMarkdown('<https://evil.example>')).toBe('&lt;https://evil.example&gt;');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(escapeMarkdown('[x]: javascript:alert(1)')).toBe('\\[x\\]: javascript:alert\\(1\\)');
  });

  test('emphasis, code, strikethrough, math and entities are neutralised', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ~~gone~~ $x$ &#60;')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~ \\$x\\$ &amp;\\#60;');
  });

  test('a value cannot leave its line or table cell, nor open a block after a list marker', () => {
    expect(escapeMarkdown('a|b\n# heading\r\n> quote')).toBe('a\\|b \\# heading &gt; quote');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('=== ')).toBe('\\=== ');
  });

  test('a block marker is escaped only at the start of the value, after any spaces, whatever its length', () => {
    expect(escapeMarkdown('10. item')).toBe('10\\. item');
    expect(escapeMarkdown('2) item')).toBe('2\\) item');
    expect(escapeMarkdown('  3. item')).toBe('  3\\. item');
    expect(escapeMarkdown('\t4. item')).toBe('\t4\\. item');
    expect(escapeMarkdown('  - item')).toBe('  \\- item');
    expect(escapeMarkdown('= x')).toBe('\\= x');
    // Inside the text they open nothing and stay as they are.
    expect(escapeMarkdown('page 1. of 2')).toBe('page 1. of 2');
    expect(escapeMarkdown('x 5. y')).toBe('x 5. y');
    expect(escapeMarkdown('a-b = c')).toBe('a-b = c');
    expect(escapeMarkdown('2026-11-20')).toBe('2026-11-20');
    expect(escapeMarkdown('1.5 GB')).toBe('1.5 GB');
    expect(escapeMarkdown('7.')).toBe('7\\.');
    expect(escapeMarkdown('8)\tx')).toBe('8\\)\tx');
  });

  test('a lone carriage return also ends no line', () => {
    expect(escapeMarkdown('a\rb\r\nc\n\nd')).toBe('a b c  d');
  });

  test('any string: nothing Markdown-active is left bare, and it reads back as the same text on one line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = escapeMarkdown(s);
        expect(unescapedActive(out)).toEqual([]);
        expect(out).not.toMatch(/[\r\n]/);
        expect(shown(out)).toBe(s.replace(/\r\n?|\n/g, ' '));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('report.md', () => {
  test('evidence strings reach report.md escaped: no link, HTML or emphasis from a finding, reason or input', () => {
    const report = sampleReport();
    const evil = '[x](javascript:alert(1)) <script>alert(1)</script> **b**';
    const md = markdownWriter.render({
      ...report,
      organization: evil,
      findings: [{ ...report.findings[0], principal: evil, summary: `${evil}|cell` }],
      checklist: report.checklist.map((i, n) => (n === 0 ? { ...i, reasons: [evil] } : i)),
      inputs: [{ ...report.inputs[0], source: evil, problem: evil }],
    });
    expect(md).not.toContain('](javascript:');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('**b**');
    expect(md).toContain('\\[x\\]\\(javascript:alert\\(1\\)\\) &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*\\*b\\*\\*');
    // Each table row keeps its column count: an escaped pipe does not split a cell.
    const row = md.split('\n').find((l) => l.includes('\\|cell'));
    expect(row?.split(/(?<!\\)\|/).length).toBe(6);
  });

  test('multi-account findings get an account column (escaped); a single account keeps four columns', () => {
    const report = sampleReport();
    const one = markdownWriter.render(report);
    expect(one).toContain('| severity | rule | principal | summary |');
    const md = markdownWriter.render({ ...report, findings: [{ ...report.findings[0], account: '111122223333' }, { ...report.findings[0], id: 'other', account: 'org|anization' }] });
    expect(md).toContain('| severity | account | rule | principal | summary |');
    expect(md).toMatch(/\| 111122223333 \| /);
    expect(md).toContain('org\\|anization');
  });
});

describe('report.md: findings tables and check states', () => {
  const f = (severity: Finding['severity'], principal: string, rule: string): Finding => ({ check: 'stale-access', rule, principal, severity, summary: `${principal} ${rule}`, evidence: {} });

  test('rows by severity, then principal, then rule', () => {
    const report = sampleReport();
    const md = markdownWriter.render({ ...report, findings: [f('low', 'a', 'r1'), f('high', 'b', 'r2'), f('high', 'a', 'r9'), f('medium', 'a', 'r1'), f('high', 'a', 'r3')] });
    const rows = md.split('\n').filter((l) => /^\| (high|medium|low) \| /.test(l));
    expect(rows).toEqual(['| high | r3 | a | a r3 |', '| high | r9 | a | a r9 |', '| high | r2 | b | b r2 |', '| medium | r1 | a | a r1 |', '| low | r1 | a | a r1 |']);
  });

  test('each check says how many findings, or that it is in error and why, or that it did not run', () => {
    const report = sampleReport();
    const checks = CHECKS.map((c, i) => (i === 0 ? { check: c.check, status: 'error' as const, error: 'cloudtrail/a.json: truncated <b>' } : { check: c.check, status: 'ok' as const })).filter((_, i) => i !== 1);
    const md = markdownWriter.render({ ...report, findings: [{ ...f('low', 'a', 'r1'), check: CHECKS[2].check }], checks: [...checks, { check: 'retired-check', status: 'ok' }] });
    const heading = (n: number) => md.split('\n').find((l) => l.startsWith(`### ${CHECKS[n].title} (`));
    expect(heading(0)).toBe(`### ${CHECKS[0].title} (\`${CHECKS[0].check}\`): ⚠️ error: cloudtrail/a.json: truncated &lt;b&gt;`);
    expect(heading(1)).toBe(`### ${CHECKS[1].title} (\`${CHECKS[1].check}\`): not run`);
    expect(heading(2)).toBe(`### ${CHECKS[2].title} (\`${CHECKS[2].check}\`): 1 finding`);
    expect(heading(3)).toBe(`### ${CHECKS[3].title} (\`${CHECKS[3].check}\`): 0 findings`);
    expect(md).toContain('### `retired-check`: ok');
  });

  test('a check in error with no message still says error', () => {
    const report = sampleReport();
    const md = markdownWriter.render({ ...report, checks: CHECKS.map((c) => ({ check: c.check, status: 'error' as const })) });
    expect(md).toContain(`### ${CHECKS[0].title} (\`${CHECKS[0].check}\`): ⚠️ error: \n`);
  });

  test('inputs: an input without a digest or a problem shows n/a and an empty cell', () => {
    const report = sampleReport();
    const md = markdownWriter.render({ ...report, inputs: [{ source: 'cloudtrail/fifo', kind: 'cloudtrail', status: 'refused', records: 0, sha256: '' }] });
    expect(md).toContain('| cloudtrail/fifo | cloudtrail | refused | 0 | `n/a` |  |');
  });

  test('the writer is report.md', () => {
    expect(markdownWriter.fileName).toBe('report.md');
    expect(markdownWriter.contentType).toBe('text/markdown; charset=utf-8');
  });
});

describe('report.md: the whole page, line by line', () => {
  const base = sampleReport();
  const info = CHECKS[0];
  const report = {
    ...base,
    organization: 'Example *Coding*',
    asOf: '2026-11-20T12:00:00Z',
    window: { from: '2026-10-21T12:00:00Z', to: '2026-11-20T12:00:00Z', days: 30 },
    generatedAt: '2026-11-20T12:01:00Z',
    scope: undefined,
    comparison: undefined,
    trend: undefined,
    exceptions: undefined,
    checklist: [{ item: 1, title: 'Risk analysis on file', status: 'fail' as const, reasons: ['Overdue', 'No <owner>'], cfr: ['164.308(a)(1)(ii)(A)', '164.308(b)'] }],
    checks: [...CHECKS.map((c) => ({ check: c.check, status: 'ok' as const })), { check: 'extra-check', status: 'error' as const, error: 'x' }],
    findings: [{ check: info.check, rule: 'r1', principal: 'dr.a', severity: 'low' as const, summary: 'one', evidence: {} }],
    inputs: [{ source: 'credential-report.csv', kind: 'credential-report', status: 'read' as const, records: 3, sha256: 'ab' }],
  };
  const md = markdownWriter.render(report);
  const lines = md.split('\n');
  const between = (from: string, to: string) => lines.slice(lines.indexOf(from), lines.indexOf(to));

  test('the title and the window come first', () => {
    expect(lines.slice(0, 4)).toEqual([
      '# HIPAA coding audit: Example \\*Coding\\*',
      '',
      'As of 2026-11-20T12:00:00Z; events from 2026-10-21T12:00:00Z to 2026-11-20T12:00:00Z (30 days). Generated 2026-11-20T12:01:00Z.',
      '',
    ]);
  });

  test('each checklist item: number, title and verdict, its CFR sections, then its reasons', () => {
    expect(between('## Quarterly checklist', '## Findings')).toEqual([
      '## Quarterly checklist',
      '',
      '### 1. Risk analysis on file: ❌ fail',
      '',
      'CFR: 45 CFR 164.308(a)(1)(ii)(A), 45 CFR 164.308(b)',
      '',
      '- Overdue',
      '- No &lt;owner&gt;',
      '',
    ]);
  });

  test("a check's findings: its state, CFR, what to do, and a table; a check without findings no table; an unknown check by its name", () => {
    const second = CHECKS[1];
    const start = lines.indexOf('## Findings');
    expect(lines.slice(start, start + 17)).toEqual([
      '## Findings',
      '',
      `### ${info.title} (\`${info.check}\`): 1 finding`,
      '',
      `CFR: ${info.cfr.map((c) => `45 CFR ${c}`).join(', ')}`,
      '',
      `What to do: ${info.remediation}`,
      '',
      '| severity | rule | principal | summary |',
      '|---|---|---|---|',
      '| low | r1 | dr.a | one |',
      '',
      `### ${second.title} (\`${second.check}\`): 0 findings`,
      '',
      `CFR: ${second.cfr.map((c) => `45 CFR ${c}`).join(', ')}`,
      '',
      `### ${CHECKS[2].title} (\`${CHECKS[2].check}\`): 0 findings`,
    ]);
    expect(lines).toContain('### `extra-check`: error');
    expect(lines[lines.indexOf('### `extra-check`: error') + 1]).toBe('');
    expect(lines.filter((l) => l.startsWith('### `'))).toEqual(['### `extra-check`: error']);
  });

  test('the inputs table: source, kind, status, records, digest, problem', () => {
    const start = lines.indexOf('## Inputs');
    expect(lines.slice(start, start + 6)).toEqual([
      '## Inputs',
      '',
      '| source | kind | status | records | SHA-256 | problem |',
      '|---|---|---|---|---|---|',
      '| credential-report.csv | credential-report | read | 3 | `ab` |  |',
      '',
    ]);
  });

  test('an account column only when some finding names an account', () => {
    const some = markdownWriter.render({ ...report, findings: [...report.findings, { ...report.findings[0], principal: 'dr.b', account: '111122223333' }] });
    expect(some).toContain('| severity | account | rule | principal | summary |');
    expect(some).toContain('| low |  | r1 | dr.a | one |');
    expect(some).toContain('| low | 111122223333 | r1 | dr.b | one |');
  });
});
