import { evidenceHtml } from '../../../checks/report/evidence-html';
import { REPORT_CSS } from '../../../checks/report/html-style';

const tables = (html: string) => html.match(/<table class="ev-table[^"]*">/g) ?? [];

describe('evidence tables, condensed for paper without leaving anything out', () => {
  test('one record: a table on screen whose cells carry their labels, printed as one line of labelled values', () => {
    const html = evidenceHtml({ events: [{ eventId: 'e-1', sourceIp: '<198.51.100.7>' }] });
    expect(tables(html)).toEqual(['<table class="ev-table ev-one">']);
    expect(html).toContain('<td data-label="event ID">e-1</td><td data-label="source IP">&lt;198.51.100.7&gt;</td>');
    expect(html).not.toContain('print-only');
  });

  test('a column the same in every row is printed once after the table, "for all N"; the rest stays a table', () => {
    const rows = [
      { eventId: 'e-1', time: 't1', source: 'bedrock.amazonaws.com' },
      { eventId: 'e-2', time: 't2', source: 'bedrock.amazonaws.com' },
    ];
    const html = evidenceHtml({ events: rows });
    expect(tables(html)).toEqual(['<table class="ev-table">']);
    expect(html).toContain('<th class="ev-same">source</th>');
    expect(html.match(/<td class="ev-same">bedrock\.amazonaws\.com<\/td>/g)).toHaveLength(2);
    expect(html).toContain('<span class="ev-same-line print-only">for all 2: <span class="ev-pair"><span class="ev-key">source</span> bedrock.amazonaws.com</span></span>');
    expect(html).toContain('<td>e-1</td><td>t1</td>');
  });

  test('one column left: printed as a list', () => {
    const html = evidenceHtml({ capabilities: [{ capability: 'add users to a group', grantedBy: 'admins' }, { capability: 'rewrite a policy', grantedBy: 'admins' }] });
    expect(tables(html)).toEqual(['<table class="ev-table ev-column">']);
    expect(html).toContain('for all 2: <span class="ev-pair"><span class="ev-key">granted by</span> admins</span>');
  });

  test('nothing differs or nothing is shared: the table is left as it is', () => {
    const same = evidenceHtml({ rows: [{ a: 'x', b: 'y' }, { a: 'x', b: 'y' }] });
    const differ = evidenceHtml({ rows: [{ a: 'x', b: 'y' }, { a: 'z', b: 'w' }] });
    for (const html of [same, differ]) {
      expect(tables(html)).toEqual(['<table class="ev-table">']);
      expect(html).not.toContain('ev-same');
      expect(html.match(/<tr><td>/g)).toHaveLength(2);
    }
  });
});

describe('the print stylesheet', () => {
  test('sets no type below 7pt', () => {
    const print = REPORT_CSS.slice(REPORT_CSS.indexOf('@media print'));
    const sizes = [...print.matchAll(/font-size:\s*([0-9.]+)(pt|px)/g)].map((m) => ({ size: Number(m[1]), unit: m[2] }));
    expect(sizes.length).toBeGreaterThan(10);
    expect(sizes.filter((s) => s.unit !== 'pt' || s.size < 7)).toEqual([]);
  });
});
