import { condenseInputs, printInputsTable } from '../../../checks/report/inputs-print';
import type { InputRecord } from '../../../checks/report-model';

const trail = (day: string, status: InputRecord['status'] = 'read', problem?: string): InputRecord => ({
  source: `cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/${day}/111122223333_CloudTrail_us-east-1_${day.replace(/\//g, '')}T1110Z_x.json.gz`,
  kind: 'cloudtrail-log',
  status,
  records: status === 'read' ? 2 : 0,
  sha256: 'ab'.repeat(32),
  ...(problem ? { problem } : {}),
});

describe('the chain of custody condensed for paper', () => {
  const inputs: InputRecord[] = [
    { source: 'credential-report.csv', kind: 'credential-report', status: 'read', records: 3, sha256: 'cd'.repeat(32) },
    trail('2026/11/01'),
    trail('2026/11/02'),
    trail('2026/11/03', 'partial', 'record 4: not a CloudTrail record'),
    trail('2026/11/04'),
    trail('2026/11/05', 'skipped', 'not a gzip file'),
  ];

  test('files read whole are counted per trail prefix, day folders folded in', () => {
    const { folders } = condenseInputs(inputs);
    expect(folders).toEqual([
      { folder: 'cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1', kind: 'cloudtrail-log', files: 3, records: 6, days: { first: '2026/11/01', last: '2026/11/04' } },
    ]);
  });

  test('every input not read whole stays on its own row with its status and reason, as does a lone file', () => {
    const { single } = condenseInputs(inputs);
    expect(single.map((i) => i.status)).toEqual(['read', 'partial', 'skipped']);
    const html = printInputsTable(inputs);
    expect(html).toContain('record 4: not a CloudTrail record');
    expect(html).toContain('not a gzip file');
    expect(html).toMatch(/<\/svg> Partial/);
    expect(html).toMatch(/<\/svg> Skipped/);
    expect(html).toContain('Read, 3 files');
    expect(html).toContain('cd'.repeat(32));
  });

  test('escapes what comes from the report', () => {
    const html = printInputsTable([{ source: '<img src=x>/a', kind: 'k', status: 'refused', records: 0, sha256: '<b>', problem: '<script>' }]);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
  });
});
