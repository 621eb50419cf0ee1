import { evidenceHtml, label } from '../../../checks/report/evidence-html';
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

describe('evidence values, escaped at every depth', () => {
  const x = '<i>&"\'</i>';
  const ex = '&lt;i&gt;&amp;&quot;&#39;&lt;/i&gt;';

  test('no evidence: nothing at all', () => expect(evidenceHtml({})).toBe(''));

  test('single values flow as labelled pairs: strings, numbers, booleans, absent, empty lists and records', () => {
    expect(evidenceHtml({ userAgent: x, count: 3, mfaActive: false, lastUsed: null, ips: [], extra: {} })).toBe(
      `<div class="ev"><p class="ev-inline"><span class="ev-pair"><span class="ev-key">user agent</span> ${ex}</span> <span class="ev-pair"><span class="ev-key">count</span> 3</span> <span class="ev-pair"><span class="ev-key">MFA active</span> false</span> <span class="ev-pair"><span class="ev-key">last used</span> <span class="none">none</span></span> <span class="ev-pair"><span class="ev-key">IPs</span> <span class="none">none</span></span> <span class="ev-pair"><span class="ev-key">extra</span> <span class="none">none</span></span></p></div>`,
    );
  });

  test('a list of plain values is one line; a key with markup is escaped too', () => {
    expect(evidenceHtml({ [`k${x}`]: [x, 2, null] })).toBe(`<div class="ev"><p class="ev-inline"><span class="ev-pair"><span class="ev-key">k${ex}</span> ${ex}, 2, <span class="none">none</span></span></p></div>`);
  });

  test('a record is a row of labelled values; nested ones go one level deeper, then are summarized by their keys', () => {
    const html = evidenceHtml({ request: { bucketName: x, key: { inner: { deep: x } } } });
    expect(html).toBe(
      `<div class="ev"><table class="evidence"><tbody><tr><th scope="row">request</th><td><span class="ev-record"><span class="ev-pair"><span class="ev-key">bucket name</span> ${ex}</span> <span class="ev-pair"><span class="ev-key">key</span> <span class="ev-record"><span class="ev-pair"><span class="ev-key">inner</span> deep</span></span></span></span></td></tr></tbody></table></div>`,
    );
    expect(html).not.toContain('<i>');
  });

  test('mixed and nested lists: one item per line, pairs joined by "and"', () => {
    const html = evidenceHtml({ pairs: [[{ ip: x }, 'b'], 'c', [[1, 2]]] });
    expect(html).toContain('<ol class="ev-list"><li><span class="ev-record"><span class="ev-pair"><span class="ev-key">IP</span> ' + ex + '</span></span><span class="sep"> and </span>b</li><li>c</li><li>');
    expect(html).toContain('<li>c</li><li>1, 2</li></ol>');
    expect(html).not.toContain('<i>');
  });

  test('a list of records inside a record, past the depth limit, is counted', () => {
    const html = evidenceHtml({ a: { b: { c: [{ d: 1 }, { d: 2 }, { d: 3 }], e: { f: 1, gId: 2 } } } });
    expect(html).toContain('<span class="ev-key">c</span> 3 items');
    expect(html).toContain('<span class="ev-key">e</span> f, g ID');
  });

  test('labels: camelCase split, acronyms upper-cased, plurals kept', () => {
    expect(label('passwordLastUsed')).toBe('password last used');
    expect(label('sourceIps')).toBe('source IPs');
    expect(label('roleArn')).toBe('role ARN');
    expect(label('phiBucket')).toBe('PHI bucket');
    expect(label('vpcId')).toBe('VPC ID');
    expect(label('mfa2Active')).toBe('mfa2 active');
    expect(label('tipsy')).toBe('tipsy');
  });
});
