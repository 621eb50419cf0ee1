import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { ingestCloudTrail, ingestJson, ingestText } from '../../../checks/evidence/cloudtrail-files';
import type { RecordTarget } from '../../../checks/evidence/event-batch';
import { DEFAULT_LIMITS } from '../../../checks/evidence/read-limits';
import { minimalTrailRecord } from './trail-records';

/**
 * The CloudTrail readers' fault paths, in this process: a file past the size bound, bytes that
 * are not UTF-8, a damaged gzip, a stream that fails, and the JSON Lines and LookupEvents
 * layouts, each pinned to its status, count and reason (what the report prints).
 */

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const record = minimalTrailRecord;

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

/** `{"Records":[]}` padded with spaces to exactly `size` bytes: a valid, empty log file. */
const padded = (size: number) => Buffer.from(`{"Records":[]}${' '.repeat(size - 14)}`);

/** A stream handing over `buf` in pieces of `size` bytes; `end` says how it stops once they are read. */
function pieces(buf: Buffer, size: number, end: 'end' | 'close' | 'error' = 'end', emitClose = true): Readable {
  let at = 0;
  return new Readable({
    emitClose,
    read() {
      if (at < buf.length) {
        this.push(buf.subarray(at, at + size));
        at += size;
      } else if (end === 'end') this.push(null);
      else if (end === 'close') this.destroy();
      else this.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    },
  });
}

describe('ingestCloudTrail: the size and ratio bounds, at their edges', () => {
  test('content of exactly the byte bound is read; the bound is only passed by more', async () => {
    const file = padded(MiB);
    await expect(ingestCloudTrail('edge.json', stream(file), false, recorder().target, { ...DEFAULT_LIMITS, maxBytes: MiB })).resolves.toEqual({
      source: 'edge.json', kind: 'cloudtrail-log', status: 'read', records: 0, sha256: sha(file),
    });
  });

  test('a gzip inflating past the ratio once past its byte threshold is refused as a bomb, the hash covering every byte', async () => {
    const gz = gzipSync(padded(4 * MiB));
    const limits = { ...DEFAULT_LIMITS, ratioAfterBytes: MiB, maxRatio: 100 };
    await expect(ingestCloudTrail('bomb.json.gz', pieces(gz, 64), true, recorder().target, limits)).resolves.toEqual({
      source: 'bomb.json.gz', kind: 'cloudtrail-log', status: 'refused', records: 0, sha256: sha(gz),
      problem: 'decompresses to more than 100 times its size (a gzip bomb?): refused after 1 MiB',
    });
  });

  test('a gzip inflating past the ratio but to no more than the threshold is read: the threshold is only passed by more', async () => {
    const gz = gzipSync(padded(MiB));
    await expect(ingestCloudTrail('small.json.gz', stream(gz), true, recorder().target, { ...DEFAULT_LIMITS, ratioAfterBytes: MiB, maxRatio: 100 })).resolves.toEqual({
      source: 'small.json.gz', kind: 'cloudtrail-log', status: 'read', records: 0, sha256: sha(gz),
    });
  });

  test('a gzip of real records, within the ratio, is read with the ratio checked from its first byte', async () => {
    const records = Array.from({ length: 400 }, (_, i) => ({ ...record(`e-${i}`), sourceIPAddress: `198.51.100.${i % 250}`, requestID: createHash('md5').update(String(i)).digest('hex') }));
    const gz = gzipSync(JSON.stringify({ Records: records }));
    const { target, ids } = recorder();
    await expect(ingestCloudTrail('real.json.gz', stream(gz), true, target, { ...DEFAULT_LIMITS, ratioAfterBytes: 0 })).resolves.toEqual({
      source: 'real.json.gz', kind: 'cloudtrail-log', status: 'read', records: 400, sha256: sha(gz),
    });
    expect(ids).toHaveLength(400);
  });

  test('a gzip inflating to exactly the ratio is read: the ratio is only passed by more', async () => {
    // Padding until the content is a whole multiple of its gzip's size.
    let size = 20_000;
    while (size % gzipSync(padded(size)).length !== 0) size += 1;
    const gz = gzipSync(padded(size));
    const maxRatio = size / gz.length;
    await expect(ingestCloudTrail('exact.json.gz', stream(gz), true, recorder().target, { ...DEFAULT_LIMITS, ratioAfterBytes: 0, maxRatio })).resolves.toMatchObject({
      kind: 'cloudtrail-log', status: 'read', records: 0,
    });
    await expect(ingestCloudTrail('exact.json.gz', stream(gz), true, recorder().target, { ...DEFAULT_LIMITS, ratioAfterBytes: 0, maxRatio: maxRatio - 1 })).resolves.toMatchObject({
      status: 'refused', problem: `decompresses to more than ${maxRatio - 1} times its size (a gzip bomb?): refused after 0 MiB`,
    });
  });
});

describe('ingestCloudTrail: a stream that fails or stops', () => {
  test('a gzip body failing part way: the reason is its code (no gzip damage), the hash what arrived', async () => {
    const gz = gzipSync(JSON.stringify({ Records: [record('e-1')] }));
    await expect(ingestCloudTrail('reset.json.gz', pieces(gz.subarray(0, 20), 10, 'error'), true, recorder().target)).resolves.toEqual({
      source: 'reset.json.gz', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: sha(gz.subarray(0, 20)), problem: 'cannot be read (ECONNRESET) after 0 bytes',
    });
  });

  test('zlib\'s Z_BUF_ERROR names a truncated gzip whatever its message; a plain file is never called a damaged gzip', async () => {
    const failing = (err: Error) => new Readable({ read() { this.destroy(err); } });
    await expect(ingestCloudTrail('cut.json.gz', failing(Object.assign(new Error('buffer error'), { code: 'Z_BUF_ERROR' })), true, recorder().target)).resolves.toMatchObject({
      status: 'skipped', problem: 'truncated gzip: cut short after 0 decompressed bytes',
    });
    await expect(ingestCloudTrail('plain.json', failing(Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR' })), false, recorder().target)).resolves.toMatchObject({
      status: 'skipped', problem: 'cannot be read (Z_DATA_ERROR) after 0 bytes',
    });
  });

  test('a gzip refused early is still read to its end for the hash, however its body stops: end, close or error', async () => {
    // Content that compresses little (hex), so most of the body is still to come when the bound is passed.
    const hex = Array.from({ length: 64 * 1024 }, (_, i) => createHash('sha256').update(String(i)).digest('hex')).join('');
    const gz = gzipSync(`{"Records":[]}${hex}`);
    const limits = { ...DEFAULT_LIMITS, maxBytes: MiB };
    for (const [end, emitClose] of [['end', false], ['close', true], ['error', false]] as const) {
      await expect(ingestCloudTrail('big.json.gz', pieces(gz, 1024, end, emitClose), true, recorder().target, limits)).resolves.toMatchObject({
        status: 'refused', sha256: sha(gz), problem: 'larger than the 1 MiB bound for one file once decompressed: refused, not read further',
      });
    }
  });

  test('a failure after records were read keeps them and names the rejected ones after the failure', async () => {
    const text = Buffer.from(`{"eventVersion":\n${JSON.stringify(record('e-2'))}\n`);
    const { target, ids } = recorder();
    await expect(ingestCloudTrail('mixed.jsonl', stream(text, Buffer.from([0xff])), false, target)).resolves.toEqual({
      source: 'mixed.jsonl', kind: 'cloudtrail-json-lines', status: 'partial', records: 1, sha256: sha(Buffer.concat([text, Buffer.from([0xff])])),
      problem: `not UTF-8 text (undecodable bytes within the first ${text.length + 1} bytes); 1 of 2 records rejected, first line 1: not valid JSON`,
    });
    expect(ids).toEqual(['e-2']);
  });
});

describe('ingestText: documents that are not log files as CloudTrail writes them', () => {
  test('a document cut short after a record: partial, the record kept; broken before any array: skipped, of no kind', () => {
    const { target, ids } = recorder();
    const cut = `{"Records":[${JSON.stringify(record('e-1'))},{"eventVersion":"1.09"`;
    expect(ingestText('cut.json', cut, 'h', target)).toEqual({
      source: 'cut.json', kind: 'cloudtrail-log', status: 'partial', records: 1, sha256: 'h', problem: `cut short: the JSON document ends at position ${cut.length} before it is closed`,
    });
    expect(ids).toEqual(['e-1']);
    expect(ingestText('odd.json', '{"Records" 5}', 'h', target)).toEqual({
      source: 'odd.json', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: 'h', problem: 'not JSON: ":" was expected at position 11',
    });
  });

  test('neither a log file, a LookupEvents page, an array nor JSON Lines: skipped, so named; a JSON Lines file of blank lines too', () => {
    const neither = 'neither a CloudTrail log file ({"Records":[...]}), a LookupEvents page ({"Events":[...]}), an array of records nor JSON Lines';
    expect(ingestText('other.json', '{"Other":[1]}', 'h', recorder().target)).toEqual({ source: 'other.json', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: 'h', problem: neither });
    expect(ingestText('blank.jsonl', '\n  \r\n\t\n', 'h', recorder().target)).toEqual({ source: 'blank.jsonl', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: 'h', problem: neither });
  });

  test('a record the splitter takes but JSON does not is rejected by its place and position, never its text', () => {
    const { target, ids } = recorder();
    const text = `{"Records":[{"eventVersion":"1.09","eventID":tru},${JSON.stringify(record('e-2'))}]}`;
    expect(ingestText('bad.json', text, 'h', target)).toEqual({
      source: 'bad.json', kind: 'cloudtrail-log', status: 'partial', records: 1, sha256: 'h', problem: '1 of 2 records rejected, first Records[0] at position 12: not valid JSON',
    });
    expect(ids).toEqual(['e-2']);
  });

  test('a bare array\'s records are named by their place alone', () => {
    const { target, named } = recorder();
    expect(ingestText('bare.json', JSON.stringify([record('e-1'), record('e-2')]), 'h', target)).toMatchObject({ kind: 'cloudtrail-records', status: 'read', records: 2 });
    expect(named).toEqual(['[0]', '[1]']);
  });

  test('a log file is cut at its record boundaries: the target is marked and handed each record as it is parsed, taken back if a later piece does not parse', () => {
    const log: string[] = [];
    const target: RecordTarget = {
      add(_raw, index, locate, tally) {
        tally.records += 1;
        log.push(locate(index));
      },
      mark: () => { log.push('mark'); return log.length; },
      rollback: (m) => { log.push(`rollback to ${m}`); },
    };
    expect(ingestText('f.json', JSON.stringify({ Records: [record('e-1'), record('e-2')] }), 'h', target)).toMatchObject({ status: 'read', records: 2 });
    expect(log).toEqual(['mark', 'Records[0]', 'Records[1]']);
    log.length = 0;
    expect(ingestText('g.json', `{"Records":[${JSON.stringify(record('e-1'))},{"eventVersion":"1.09","eventID":tru}]}`, 'h', target)).toMatchObject({ status: 'partial', records: 1 });
    expect(log).toEqual(['mark', 'Records[0]', 'rollback to 1', 'Records[0]']);
  });
});

describe('JSON Lines: line edges', () => {
  test('a line of exactly the record bound is read', () => {
    const line = JSON.stringify(record('e-1'));
    const { target, ids } = recorder();
    expect(ingestText('edge.jsonl', `${line}\n`, 'h', target, { ...DEFAULT_LIMITS, maxRecordChars: line.length })).toMatchObject({ status: 'read', records: 1 });
    expect(ids).toEqual(['e-1']);
  });

  test('a byte-order mark opening the file is not part of the first line; one inside a value is kept; CRLF blank lines are blank', () => {
    const { target, ids } = recorder();
    const text = `\uFEFF${JSON.stringify(record('e-1'))}\r\n\r\n${JSON.stringify(record('e-\uFEFF2'))}\r\n`;
    expect(ingestText('bom.jsonl', text, 'h', target)).toEqual({ source: 'bom.jsonl', kind: 'cloudtrail-json-lines', status: 'read', records: 2, sha256: 'h' });
    expect(ids).toEqual(['e-1', 'e-\uFEFF2']);
  });
});

describe('ingestCloudTrail: the hash covers the whole object, however early reading gave up', () => {
  test('a plain file past the byte bound: refused at the bound, the rest still read for the hash', async () => {
    const chunks = Array.from({ length: 6 }, () => Buffer.alloc(600_000, 0x20));
    await expect(ingestCloudTrail('big.json', stream(...chunks), false, recorder().target, { ...DEFAULT_LIMITS, maxBytes: MiB })).resolves.toEqual({
      source: 'big.json', kind: 'cloudtrail', status: 'refused', records: 0, sha256: sha(Buffer.concat(chunks)),
      problem: 'larger than the 1 MiB bound for one file: refused, not read further',
    });
  });

  test('a plain file that is not UTF-8 early on: skipped at the bad byte, the rest still read for the hash, however its body stops', async () => {
    const file = Buffer.concat([Buffer.from('{"Records":['), Buffer.from([0xff]), Buffer.alloc(64 * 1024, 0x20), Buffer.from(']}')]);
    for (const [end, emitClose] of [['end', false], ['close', true], ['error', false]] as const) {
      await expect(ingestCloudTrail('bad.json', pieces(file, 1024, end, emitClose), false, recorder().target)).resolves.toEqual({
        source: 'bad.json', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: sha(file), problem: 'not UTF-8 text (undecodable bytes within the first 1024 bytes)',
      });
    }
  });

  test('a body that closes before its end, neither ending nor failing: skipped by the stream\'s code, plain or gzip (never waited on)', async () => {
    const gz = gzipSync(padded(200_000));
    for (const [name, bytes, gzipped] of [['cut.json', padded(2000), false], ['cut.json.gz', gz.subarray(0, 100), true]] as const) {
      await expect(ingestCloudTrail(name, pieces(bytes, 1000, 'close'), gzipped, recorder().target)).resolves.toMatchObject({
        status: 'skipped', records: 0, sha256: sha(bytes), problem: expect.stringMatching(/^cannot be read \(ERR_STREAM_PREMATURE_CLOSE\) after \d+ bytes$/),
      });
    }
  });
});

describe('ingestCloudTrail: a file ending inside a multi-byte character', () => {
  // "{"Records":[]} " and the first two bytes of the three of "€" (E2 82 AC).
  const cut = Buffer.concat([Buffer.from('{"Records":[]} '), Buffer.from([0xe2, 0x82])]);

  test('is not UTF-8 text, named like a bad byte within the file, plain or gzip', async () => {
    await expect(ingestCloudTrail('cut.json', stream(cut), false, recorder().target)).resolves.toEqual({
      source: 'cut.json', kind: 'cloudtrail-log', status: 'skipped', records: 0, sha256: sha(cut), problem: 'not UTF-8 text (undecodable bytes within the first 17 bytes)',
    });
    const gz = gzipSync(cut);
    await expect(ingestCloudTrail('cut.json.gz', stream(gz), true, recorder().target)).resolves.toEqual({
      source: 'cut.json.gz', kind: 'cloudtrail-log', status: 'skipped', records: 0, sha256: sha(gz), problem: 'not UTF-8 text (undecodable bytes within the first 17 bytes decompressed)',
    });
  });

  test('keeps the records read before it: partial', async () => {
    const text = Buffer.concat([Buffer.from(`${JSON.stringify(record('e-1'))}\n`), Buffer.from([0xe2, 0x82])]);
    const { target, ids } = recorder();
    await expect(ingestCloudTrail('cut.jsonl', stream(text), false, target)).resolves.toEqual({
      source: 'cut.jsonl', kind: 'cloudtrail-json-lines', status: 'partial', records: 1, sha256: sha(text), problem: `not UTF-8 text (undecodable bytes within the first ${text.length} bytes)`,
    });
    expect(ids).toEqual(['e-1']);
  });
});
