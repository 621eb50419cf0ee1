import { createHash } from 'node:crypto';
import { compactInputs, dedupeInputs } from '../../checks/compact-inputs';
import type { InputRecord } from '../../checks/report-model';

const object = (region: string, day: number, n: number, status: InputRecord['status'] = 'read'): InputRecord => ({
  source: `s3://trail/AWSLogs/111122223333/CloudTrail/${region}/2026/11/${String(day).padStart(2, '0')}/f${n}.json.gz`,
  kind: status === 'read' ? 'cloudtrail-log' : 'cloudtrail',
  status,
  records: status === 'read' ? 10 : 0,
  sha256: status === 'read' ? `${n}`.repeat(64).slice(0, 64) : '',
  ...(status === 'read' ? {} : { problem: 'cannot be read: the object no longer exists (NoSuchKey): deleted or expired after it was listed' }),
});

describe('compactInputs', () => {
  test('objects read whole collapse per region folder, hashed as their sorted manifest', () => {
    const east = [object('us-east-1', 19, 1), object('us-east-1', 20, 2), object('us-east-1', 20, 3)];
    const west = [object('us-west-2', 20, 4)];
    const api: InputRecord = { source: 'api:cloudtrail:LookupEvents:us-east-1', kind: 'cloudtrail-lookup-events', status: 'read', records: 7, sha256: 'a'.repeat(64) };
    const compact = compactInputs([...east, api, ...west]);
    const manifest = east.map((m) => `${m.sha256}  ${m.source}\n`).sort().join('');
    expect(compact).toEqual([
      api,
      { source: 's3://trail/AWSLogs/111122223333/CloudTrail/us-east-1/* (3 objects of the window)', kind: 'cloudtrail-log', status: 'read', records: 30, sha256: createHash('sha256').update(manifest).digest('hex') },
      west[0],
    ]);
  });

  test('the manifest is sorted: the same objects in any order hash the same', () => {
    const east = [object('us-east-1', 20, 3), object('us-east-1', 19, 1), object('us-east-1', 20, 2)];
    // In code-unit order (what the bucket listing's recomputation would use), not the locale's.
    const lines = east.map((m) => `${m.sha256}  ${m.source}\n`).sort();
    expect(lines).not.toEqual(east.map((m) => `${m.sha256}  ${m.source}\n`));
    const digest = createHash('sha256').update(lines.join('')).digest('hex');
    expect(compactInputs(east).map((i) => i.sha256)).toEqual([digest]);
    expect(compactInputs([...east].reverse()).map((i) => i.sha256)).toEqual([digest]);
  });

  test('every input not read whole stays listed; past the bound the rest are counted, still not read', () => {
    const failed = Array.from({ length: 8 }, (_, i) => object('us-east-1', 20, i, 'skipped'));
    const compact = compactInputs([object('us-east-1', 20, 9), ...failed], 5);
    expect(compact.filter((i) => i.status === 'skipped').map((i) => i.source)).toEqual([...failed.slice(0, 5).map((f) => f.source), '3 more input(s) not read whole']);
    expect(compact.at(-1)?.problem).toMatch(/^not listed one by one .*first: s3:\/\/trail\/.*f5\.json\.gz \(cannot be read: the object no longer exists/);
    // Nothing not read whole is ever reported as read.
    expect(compact.filter((i) => i.status === 'read').map((i) => i.records)).toEqual([10]);
  });

  test('a partial input is never folded into a read group', () => {
    const partial: InputRecord = { ...object('us-east-1', 20, 1), status: 'partial', problem: '1 of 10 records rejected' };
    const compact = compactInputs([object('us-east-1', 20, 2), partial, object('us-east-1', 20, 3)]);
    expect(compact).toContainEqual(partial);
    expect(compact.find((i) => i.status === 'read')?.source).toMatch(/\(2 objects of the window\)$/);
  });

  test('the same input reported by several checks is listed once', () => {
    const a = object('us-east-1', 20, 1);
    expect(dedupeInputs([a, { ...a }, object('us-east-1', 20, 2), a])).toHaveLength(2);
  });
});

describe('compactInputs: the edges of the bound and of the groups', () => {
  test('exactly the bound of inputs not read whole: all listed, none counted', () => {
    const failed = Array.from({ length: 5 }, (_, i) => object('us-east-1', 20, i, 'skipped'));
    expect(compactInputs(failed, 5)).toEqual(failed);
  });

  test('the counted rest names its first input\'s status when it has no problem, and is never read', () => {
    const refused = (n: number): InputRecord => ({ source: `cloudtrail/fifo-${n}`, kind: 'cloudtrail', status: 'refused', records: 0, sha256: '' });
    const compact = compactInputs([refused(1), refused(2), refused(3)], 1);
    expect(compact).toEqual([
      refused(1),
      {
        source: '2 more input(s) not read whole',
        kind: 'cloudtrail',
        status: 'skipped',
        records: 0,
        sha256: '',
        problem: "not listed one by one to fit the scheduled run's payload; first: cloudtrail/fifo-2 (refused); run coding-env audit --live for every one",
      },
    ]);
  });

  test('ignored inputs and inputs outside an archive pass through; groups are per kind as well as folder', () => {
    const ignored: InputRecord = { source: 's3://trail/AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/20/d.json.gz', kind: 'cloudtrail-digest', status: 'ignored', records: 0, sha256: 'e'.repeat(64) };
    const local: InputRecord = { source: 'cloudtrail/a.json', kind: 'cloudtrail-log', status: 'read', records: 2, sha256: 'f'.repeat(64) };
    const other = { ...object('us-east-1', 20, 2), kind: 'cloudtrail-data-events' };
    const compact = compactInputs([ignored, local, object('us-east-1', 20, 1), other]);
    expect(compact).toEqual([ignored, local, object('us-east-1', 20, 1), other]);
  });

  test('the same source with another status or problem is a different input', () => {
    const a = object('us-east-1', 20, 1);
    const b: InputRecord = { ...a, status: 'partial', problem: 'record 3 rejected' };
    const c: InputRecord = { ...b, problem: 'record 4 rejected' };
    const d: InputRecord = { ...a, sha256: '9'.repeat(64) };
    expect(dedupeInputs([a, b, c, d, b])).toEqual([a, b, c, d]);
  });
});
