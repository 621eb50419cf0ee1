import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ingestCloudTrail, ingestJson, ingestText } from '../../../checks/evidence/cloudtrail-files';
import type { RecordTarget } from '../../../checks/evidence/event-batch';
import { DEFAULT_LIMITS } from '../../../checks/evidence/read-limits';

/**
 * The CloudTrail readers' fault paths, in this process: a file past the size bound, bytes that
 * are not UTF-8, a damaged gzip, a stream that fails, and the JSON Lines and LookupEvents
 * layouts, each pinned to its status, count and reason (what the report prints).
 */

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const record = (id: string) => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/jdoe', userName: 'jdoe' },
  eventTime: '2026-11-15T14:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  eventID: id,
  recipientAccountId: '111122223333',
});

/** A target that counts what it is handed and keeps how each record is named (`locate`). */
function recorder(withMark = false) {
  const named: string[] = [];
  const ids: unknown[] = [];
  const target: RecordTarget = {
    add(raw, index, locate, tally) {
      tally.records += 1;
      named.push(locate(index));
      ids.push((raw as { eventID?: unknown }).eventID);
    },
    ...(withMark ? { mark: () => named.length, rollback: (m: number) => { named.length = m; ids.length = m; } } : {}),
  };
  return { target, named, ids };
}

const stream = (...chunks: Buffer[]) => Readable.from(chunks);

describe('ingestCloudTrail: bounds and undecodable content', () => {
  test('past the byte bound: refused, named in MiB, "once decompressed" only for gzip; the hash still covers every byte', async () => {
    const limits = { ...DEFAULT_LIMITS, maxBytes: MiB };
    const plain = [Buffer.alloc(600_000, 0x20), Buffer.alloc(600_000, 0x20)];
    await expect(ingestCloudTrail('big.json', stream(...plain), false, recorder().target, limits)).resolves.toEqual({
      source: 'big.json', kind: 'cloudtrail', status: 'refused', records: 0, sha256: sha(Buffer.concat(plain)),
      problem: 'larger than the 1 MiB bound for one file: refused, not read further',
    });
    const gz = gzipSync(Buffer.alloc(2 * MiB, 0x20));
    await expect(ingestCloudTrail('big.json.gz', stream(gz), true, recorder().target, limits)).resolves.toEqual({
      source: 'big.json.gz', kind: 'cloudtrail', status: 'refused', records: 0, sha256: sha(gz),
      problem: 'larger than the 1 MiB bound for one file once decompressed: refused, not read further',
    });
  });

  test('bytes that are not UTF-8: skipped when nothing was read before them, partial (records kept) when something was', async () => {
    const bad = Buffer.from([0x7b, 0xff, 0x7d]);
    await expect(ingestCloudTrail('bad.json', stream(bad), false, recorder().target)).resolves.toEqual({
      source: 'bad.json', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: sha(bad), problem: 'not UTF-8 text (undecodable bytes within the first 3 bytes)',
    });
    const gz = gzipSync(bad);
    await expect(ingestCloudTrail('bad.json.gz', stream(gz), true, recorder().target)).resolves.toEqual({
      source: 'bad.json.gz', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: sha(gz), problem: 'not UTF-8 text (undecodable bytes within the first 3 bytes decompressed)',
    });
    const first = Buffer.from(`${JSON.stringify(record('e-1'))}\n`);
    const { target, ids } = recorder();
    await expect(ingestCloudTrail('export.jsonl', stream(first, Buffer.from([0xff, 0x0a])), false, target)).resolves.toEqual({
      source: 'export.jsonl', kind: 'cloudtrail-json-lines', status: 'partial', records: 1, sha256: sha(Buffer.concat([first, Buffer.from([0xff, 0x0a])])),
      problem: `not UTF-8 text (undecodable bytes within the first ${first.length + 2} bytes)`,
    });
    expect(ids).toEqual(['e-1']);
  });

  test('a gzip that is not gzip is named by zlib\'s code; a stream failing with no code and no name still gets a reason', async () => {
    const gz = gzipSync(JSON.stringify({ Records: [record('e-1')] }));
    gz[2] = 0x07; // compression method: only 8 (deflate) exists
    await expect(ingestCloudTrail('odd.json.gz', stream(gz), true, recorder().target)).resolves.toMatchObject({
      status: 'skipped', records: 0, problem: 'not decodable as gzip (Z_DATA_ERROR) after 0 decompressed bytes',
    });
    const failing = new Readable({ read() { this.destroy({} as Error); } });
    await expect(ingestCloudTrail('gone.json', failing, false, recorder().target)).resolves.toMatchObject({
      status: 'skipped', records: 0, sha256: sha(Buffer.alloc(0)), problem: 'cannot be read (error) after 0 bytes',
    });
  });
});

describe('ingestJson: a parsed log file or LookupEvents page', () => {
  test('a log file\'s records go to the sink, each named by its place in Records', () => {
    const { target, named, ids } = recorder();
    expect(ingestJson({ Records: [record('e-1'), record('e-2')] }, target, 'lookup.json')).toEqual({ kind: 'cloudtrail-log', tally: { records: 2, bad: 0, source: 'lookup.json' } });
    expect(named).toEqual(['Records[0]', 'Records[1]']);
    expect(ids).toEqual(['e-1', 'e-2']);
  });

  test('a LookupEvents page: each entry\'s CloudTrailEvent parsed; an entry without one rejected by its place', () => {
    const { target, named, ids } = recorder();
    const got = ingestJson({ Events: [{ EventId: 'e-1', CloudTrailEvent: JSON.stringify(record('e-1')) }, { EventId: 'e-2' }] }, target);
    expect(got).toEqual({ kind: 'cloudtrail-lookup-events', tally: { records: 2, bad: 1, firstProblem: 'Events[1]: no CloudTrailEvent string' } });
    expect(named).toEqual(['Events[0].CloudTrailEvent']);
    expect(ids).toEqual(['e-1']);
    expect(ingestJson({ Other: [] }, target)).toBeUndefined();
  });
});

describe('ingestText: a file cut at its record boundaries hands each record over', () => {
  const text = JSON.stringify({ Records: [record('e-1'), record('e-2')] });

  test('to a target that can take records back, as they are parsed; to one that cannot, after the cut', () => {
    for (const withMark of [true, false]) {
      const { target, named, ids } = recorder(withMark);
      expect(ingestText('f.json', text, 'h', target)).toEqual({ source: 'f.json', kind: 'cloudtrail-log', status: 'read', records: 2, sha256: 'h' });
      expect(named).toEqual(['Records[0]', 'Records[1]']);
      expect(ids).toEqual(['e-1', 'e-2']);
    }
  });

  test('a bare array of LookupEvents entries streamed: each entry\'s CloudTrailEvent read, named by its place', async () => {
    const entries = JSON.stringify([{ CloudTrailEvent: JSON.stringify(record('e-1')) }, { CloudTrailEvent: '{cut' }]);
    const { target, named, ids } = recorder();
    await expect(ingestCloudTrail('page.json', stream(Buffer.from(entries)), false, target)).resolves.toMatchObject({
      kind: 'cloudtrail-records', status: 'partial', records: 1, problem: '1 of 2 records rejected, first [1].CloudTrailEvent: not valid JSON',
    });
    expect(named).toEqual(['[0].CloudTrailEvent']);
    expect(ids).toEqual(['e-1']);
  });
});

describe('JSON Lines', () => {
  test('each line a record named by its line; a LookupEvents entry on a line is unwrapped; a bad entry named by its line', () => {
    const lines = [JSON.stringify(record('e-1')), '', JSON.stringify({ CloudTrailEvent: JSON.stringify(record('e-3')) }), JSON.stringify({ CloudTrailEvent: 'nope' })].join('\n');
    const { target, named, ids } = recorder();
    expect(ingestText('x.jsonl', lines, 'h', target)).toEqual({
      source: 'x.jsonl', kind: 'cloudtrail-json-lines', status: 'partial', records: 2, sha256: 'h', problem: '1 of 3 records rejected, first line[4].CloudTrailEvent: not valid JSON',
    });
    expect(named).toEqual(['line 1', 'line[3].CloudTrailEvent']);
    expect(ids).toEqual(['e-1', 'e-3']);
  });

  test('a line past the record bound is rejected unread, even as the only line; the lines after it are read', async () => {
    const limits = { ...DEFAULT_LIMITS, maxRecordChars: 300 };
    const long = JSON.stringify({ ...record('e-long'), userAgent: 'x'.repeat(400) });
    const { target, ids } = recorder();
    expect(ingestText('only.jsonl', long, 'h', target, limits)).toEqual({
      source: 'only.jsonl', kind: 'cloudtrail-json-lines', status: 'partial', records: 0, sha256: 'h', problem: '1 of 1 records rejected, first line 1: longer than 300 characters, not read',
    });
    // Streamed in pieces: the long line spans chunks, and is still one rejected line.
    const text = Buffer.from(`${long}\n${JSON.stringify(record('e-2'))}\n`);
    const pieces = Array.from({ length: Math.ceil(text.length / 50) }, (_, i) => text.subarray(i * 50, i * 50 + 50));
    await expect(ingestCloudTrail('two.jsonl', stream(...pieces), false, target, limits)).resolves.toMatchObject({
      kind: 'cloudtrail-json-lines', status: 'partial', records: 1, problem: '1 of 2 records rejected, first line 1: longer than 300 characters, not read',
    });
    expect(ids).toEqual(['e-2']);
  });

  test('a last line that does not parse may be a file cut short, and says so; an earlier one does not', () => {
    const { target } = recorder();
    expect(ingestText('cut.jsonl', `${JSON.stringify(record('e-1'))}\n{"eventVersion":`, 'h', target)).toMatchObject({
      status: 'partial', records: 1, problem: '1 of 2 records rejected, first line 2: not valid JSON (the file may be cut short)',
    });
    expect(ingestText('mid.jsonl', `{"eventVersion":\n${JSON.stringify(record('e-1'))}\n`, 'h', target)).toMatchObject({
      status: 'partial', records: 1, problem: '1 of 2 records rejected, first line 1: not valid JSON',
    });
  });
});
