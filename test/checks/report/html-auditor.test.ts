import { checklistLinks, comparisonSection, exceptionsSection, recurrenceMark, scopeSection, signOffSection } from '../../../checks/report/html-auditor';
import { reportSha256 } from '../../../checks/report/report-digest';
import { CHECKLIST_ITEMS } from '../../../lib/controls/catalog';
import type { Report } from '../../../checks/report-model';
import { sampleReport } from './sample-report';

const printed = (html: string) => html.slice(html.indexOf('exceptions-print'));

describe('accepted exceptions on paper', () => {
  const same = { compensatingControl: 'first passwords expire at first sign-in', owner: 'platform-engineering', reviewBy: '2027-06-30' };
  const exceptions: NonNullable<Report['exceptions']> = [
    { rule: 'AwsSolutions-SMG4', path: 'CodingEnv/Roster1/FirstPasswords', ...same },
    { rule: 'AwsSolutions-SMG4', path: 'CodingEnv/Roster2/FirstPasswords', ...same },
    { rule: 'HIPAA.Security-SecretsManagerRotationEnabled', path: 'CodingEnv/Roster1/FirstPasswords', ...same },
    { rule: 'HIPAA.Security-SecretsManagerRotationEnabled', path: 'CodingEnv/Roster2/FirstPasswords', ...same },
    { rule: 'AwsSolutions-IAM5', compensatingControl: 'read-only, <b>KMS</b>', reviewBy: '2027-01-01' },
  ];
  const html = exceptionsSection({ ...sampleReport(), exceptions });

  test('prints a shared compensating control once, naming every rule and path', () => {
    const paper = printed(html);
    expect(paper.split('first passwords expire at first sign-in').length - 1).toBe(1);
    for (const x of exceptions) {
      expect(paper).toContain(x.rule);
      if (x.path) expect(paper).toContain(x.path);
    }
    expect(paper).toContain('AwsSolutions-SMG4</code>, <code>HIPAA.Security-SecretsManagerRotationEnabled');
    expect(paper).toContain('review by 2027-06-30');
  });

  test('an exception without a path or owner says so, escaped', () => {
    const paper = printed(html);
    expect(paper).toContain('whole app');
    expect(paper).toContain('Owner not named; review by 2027-01-01');
    expect(paper).toContain('read-only, &lt;b&gt;KMS&lt;/b&gt;');
    expect(paper).not.toContain('<b>');
  });

  test('prints each owner and review date once, above the exceptions they hold, with their count', () => {
    const paper = printed(html);
    expect(paper.split('Owner platform-engineering; review by 2027-06-30').length - 1).toBe(1);
    expect(paper).toContain('Owner platform-engineering; review by 2027-06-30 <span class="cfr">(4 exceptions)</span>');
    expect(paper).toContain('Owner not named; review by 2027-01-01 <span class="cfr">(1 exception)</span>');
    expect(paper.indexOf('Owner platform-engineering')).toBeLessThan(paper.indexOf('first passwords expire'));
    expect(paper.indexOf('first passwords expire')).toBeLessThan(paper.indexOf('Owner not named'));
    expect(paper.indexOf('Owner not named')).toBeLessThan(paper.indexOf('read-only, &lt;b&gt;KMS'));
  });

  test('the screen table keeps one row per exception', () => {
    expect(html.slice(0, html.indexOf('exceptions-print')).match(/<tr><td><code>/g)).toHaveLength(exceptions.length);
  });
});

describe('scope of the audit', () => {
  const scope: NonNullable<Report['scope']> = {
    source: 'evidence',
    evidenceDir: 'ev/<dir>',
    accounts: ['111122223333', '444455556666'],
    regions: ['us-east-1'],
    trails: [{ bucket: 'org-trail', prefix: 'audit/' }],
    tool: { name: 'hipaa-coding-env', version: '1.2.3' },
    runBy: { kind: 'os-user', identity: 'hmartin@<laptop>' },
    configSha256: 'c'.repeat(64),
    registerSha256: 'r'.repeat(64),
  };
  const row = (html: string, term: string) => {
    const m = html.match(new RegExp(`<div><dt>${term}</dt><dd>(.*?)</dd></div>`));
    expect(m).not.toBeNull();
    return m?.[1];
  };

  test('names every row an auditor reads: source, accounts, regions, archives, tool, who ran it, the hashes', () => {
    const html = scopeSection({ ...sampleReport(), scope });
    expect(html.startsWith('<section id="scope"><h2>Scope of this audit</h2><dl class="scope">')).toBe(true);
    expect(row(html, 'Source')).toBe('evidence files (offline) <code>ev/&lt;dir&gt;</code>');
    expect(row(html, 'Accounts')).toBe('<code>111122223333</code>, <code>444455556666</code>');
    expect(row(html, 'Regions')).toBe('<code>us-east-1</code>');
    expect(row(html, 'Trail archives')).toBe('<code>s3://org-trail/audit/</code>');
    expect(row(html, 'Tool')).toBe('hipaa-coding-env 1.2.3');
    expect(row(html, 'Run by')).toBe('hmartin@&lt;laptop&gt; <span class="cfr">(os-user)</span>');
    expect(row(html, 'Config SHA-256')).toBe(`<span class="sha">${'c'.repeat(64)}</span>`);
    expect(row(html, 'Register SHA-256')).toBe(`<span class="sha">${'r'.repeat(64)}</span>`);
  });

  test('live and scheduled runs are named; empty lists and an unreadable register say so', () => {
    const live = scopeSection({ ...sampleReport(), scope: { ...scope, source: 'live', evidenceDir: undefined, accounts: [], regions: [], trails: [], registerSha256: null } });
    expect(row(live, 'Source')).toBe('the AWS account, live');
    for (const term of ['Accounts', 'Regions', 'Trail archives']) expect(row(live, term)).toBe('<span class="none">none found in the evidence read</span>');
    expect(row(live, 'Register SHA-256')).toBe('<span class="problem">not readable</span>');
    expect(row(scopeSection({ ...sampleReport(), scope: { ...scope, source: 'scheduled' } }), 'Source')).toBe('the scheduled run in the AWS account <code>ev/&lt;dir&gt;</code>');
  });

  test('a report without a scope says it does not state one', () => {
    expect(scopeSection({ ...sampleReport(), scope: undefined })).toBe(
      '<section id="scope"><h2>Scope</h2><p class="problem">This report does not state its scope (written by an older version).</p></section>',
    );
  });
});

describe('since the previous report', () => {
  const comparison: NonNullable<Report['comparison']> = {
    previous: { reportId: 'rep-<1>', asOf: '2026-08-20T12:00:00Z', sha256: 'f'.repeat(64) },
    new: 1,
    recurring: 2,
    resolved: [{ id: 'abc123', check: 'stale-access', rule: 'password-unused', principal: 'dr.<x>', severity: 'medium', summary: 'unused <password>' }],
  };
  const trend: NonNullable<Report['trend']> = [
    { reportId: 'rep-<0>', asOf: '2026-05-20T12:00:00Z', findings: { high: 3, medium: 4, low: 5 }, checklist: { pass: 6, fail: 7, error: 8 } },
  ];

  test('nothing to compare: no section', () => {
    expect(comparisonSection({ ...sampleReport(), comparison: undefined, trend: undefined })).toBe('');
    expect(comparisonSection({ ...sampleReport(), comparison: undefined, trend: [] })).toBe('');
  });

  test('the comparison names the previous report and counts new, recurring and resolved findings, each resolved one listed', () => {
    const html = comparisonSection({ ...sampleReport(), comparison, trend: undefined });
    expect(html).toBe(
      '<section id="trend"><h2>Since the previous report</h2>' +
        `<p>Against report <code>rep-&lt;1&gt;</code> as of 2026-08-20 12:00 UTC (report.json SHA-256 <span class="sha">${'f'.repeat(64)}</span>): <strong>1 new finding</strong>, 2 recurring findings, 1 resolved finding.</p>` +
        '<h3>Resolved since the previous report</h3><table><thead><tr><th>Severity</th><th>Principal</th><th>Finding</th><th>ID</th></tr></thead><tbody>' +
        '<tr><td>medium</td><td><code>dr.&lt;x&gt;</code></td><td>unused &lt;password&gt; <span class="rule-id">(stale-access / password-unused)</span></td><td class="sha">abc123</td></tr>' +
        '</tbody></table></section>',
    );
    expect(comparisonSection({ ...sampleReport(), comparison: { ...comparison, resolved: [] }, trend: [] })).not.toContain('Resolved since');
  });

  test('a trend alone: the chart and its table in words, no comparison line', () => {
    const html = comparisonSection({ ...sampleReport(), comparison: undefined, trend });
    expect(html.startsWith('<section id="trend"><h2>Since the previous report</h2><figure class="trend-fig"><svg')).toBe(true);
    expect(html).not.toContain('Against report');
    expect(html).toContain(
      '<tbody><tr><td><code>rep-&lt;0&gt;</code></td><td>2026-05-20</td><td>3</td><td>4</td><td>5</td><td>6 / 7 / 8</td></tr></tbody></table></figcaption></figure></section>',
    );
    expect(html).toContain('<th>Report</th><th>As of</th><th>High</th><th>Medium</th><th>Low</th><th>Checklist pass / fail / error</th>');
  });
});

describe('links, marks and sign-off', () => {
  const finding = sampleReport().findings[0];

  test("a finding links to the checklist items its check feeds, and to no other", () => {
    const links = checklistLinks({ ...finding, check: 'privilege-creep' });
    const items = CHECKLIST_ITEMS.filter((i) => (i.dependsOn as readonly string[]).includes('privilege-creep')).map((i) => i.item);
    expect(items.length).toBeGreaterThan(0);
    expect(links).toBe('<a class="item-link" href="#item-3">checklist item 3</a>');
    expect(links).toBe(items.map((i) => `<a class="item-link" href="#item-${i}">checklist item ${i}</a>`).join(', '));
    expect(checklistLinks({ ...finding, check: 'no-such-check' })).toBe('');
  });

  test('new and recurring findings are tagged; others are not', () => {
    expect(recurrenceMark({ ...finding, recurrence: 'new' })).toBe('<span class="tag new">New</span>');
    expect(recurrenceMark({ ...finding, recurrence: 'recurring' })).toBe('<span class="tag recurring">Recurring</span>');
    expect(recurrenceMark({ ...finding, recurrence: undefined })).toBe('');
  });

  test("the sign-off quotes the report's id and the SHA-256 of report.json", () => {
    const report = { ...sampleReport(), reportId: 'rep-<2>' };
    const html = signOffSection(report);
    expect(html).toContain('<h2>Sign-off</h2>');
    expect(html).toContain(`<p class="cfr">Report <code>rep-&lt;2&gt;</code>. SHA-256 of report.json (the record this page renders): <span class="sha">${reportSha256(report)}</span></p></section>`);
    expect(signOffSection({ ...report, reportId: undefined })).toContain('<p class="cfr">Report <code></code>.');
  });
});

describe('accepted exceptions on screen', () => {
  test('none: says so', () => {
    const html = exceptionsSection({ ...sampleReport(), exceptions: undefined });
    expect(html).toContain('<p class="none">No accepted exceptions.</p></section>');
    expect(html).not.toContain('<table');
  });

  test('each row: rule, scope or whole app, control, owner and review date or their absence', () => {
    const html = exceptionsSection({ ...sampleReport(), exceptions: [{ rule: 'R1', compensatingControl: 'ctl <1>' }, { rule: 'R2', path: 'A/B', compensatingControl: 'ctl 2', owner: 'ops', reviewBy: '2027-01-01' }] });
    expect(html).toContain('<tr><td><code>R1</code><div class="problem">whole app</div></td><td>ctl &lt;1&gt;</td><td><span class="none">no owner named</span><br><span class="none">no review date</span></td></tr>');
    expect(html).toContain('<tr><td><code>R2</code><div class="cfr">A/B</div></td><td>ctl 2</td><td>ops<br>2027-01-01</td></tr>');
    expect(printed(html)).toContain('Owner not named; review by no date');
  });
});
