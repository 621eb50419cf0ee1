import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadConfigFile } from '../../../lib/config/load';
import { auditWindow } from '../../../checks/audit';
import { ingestCloudTrail, ingestText, ingestUtf8 } from '../../../checks/evidence/cloudtrail-files';
import { BatchBuilder, batchId } from '../../../checks/evidence/event-batch';
import { EventIdTable } from '../../../checks/evidence/event-id-table';
import { withAccount } from '../../../checks/evidence/event-digest';
import { EventSink } from '../../../checks/evidence/event-sink';
import { normalizeRecord } from '../../../checks/evidence/cloudtrail-record';
import { type EvidenceOptions, loadEvidenceDir } from '../../../checks/evidence/evidence-dir';
import { splitLogBytes, splitLogText } from '../../../checks/evidence/log-file-split';
import { DEFAULT_LIMITS } from '../../../checks/evidence/read-limits';
import { relevantEvents } from '../../../checks/rules/relevance';

/**
 * Where a CloudTrail file is parsed (a worker thread or this one) and how (read whole and cut
 * at record boundaries, or streamed) changes the speed, never the outcome: the same events,
 * coverage, conflicts and input records, reason for reason.
 */

const EXAMPLE = 'test/fixtures/evidence/example';
const TRAIL = 'cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11';
const config = loadConfigFile('config/coding-env.json');
const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 30);
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function copy(damage: (dir: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'parallel-'));
  roots.push(root);
  const dir = join(root, 'evidence');
  cpSync(EXAMPLE, dir, { recursive: true });
  damage(dir);
  return dir;
}

async function load(dir: string, workers: number) {
  const said: string[] = [];
  const options: EvidenceOptions = { window, keep: relevantEvents(config), filter: { kind: 'audit', config, watchList: [] }, workers, progress: (m) => said.push(m) };
  const { model, inputs } = await loadEvidenceDir(dir, options);
  // The workers really parsed their share: none failed over to this thread.
  if (workers > 1) expect(said).toContain(`parsed CloudTrail files in ${workers} threads`);
  return { events: model.events, coverage: model.coverage, inputs };
}

const record = (over: Record<string, unknown> = {}) => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/jdoe', userName: 'jdoe', accessKeyId: 'AKIAEXAMPLE000000001' },
  eventTime: '2026-11-15T14:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  sourceIPAddress: '203.0.113.9',
  userAgent: 'aws-cli/2.18.0',
  requestParameters: { bucketName: 'examplecoding-phi-records', key: 'cardiology/P100234/note.pdf' },
  eventID: 'c0c0c0c0-0001-4c1e-9a1b-00000000c001',
  recipientAccountId: '111122223333',
  ...over,
});

describe('parsing in worker threads', () => {
  test('the example evidence: the same events, coverage and inputs from one thread, two and three', async () => {
    const here = await load(EXAMPLE, 0);
    expect(here.events.ok).toBe(true);
    await expect(load(EXAMPLE, 2)).resolves.toStrictEqual(here);
    await expect(load(EXAMPLE, 3)).resolves.toStrictEqual(here);
  });

  test('damaged evidence: conflicts naming both files, rejected records, a truncated gzip and JSON Lines come out the same', async () => {
    const dir = copy((d) => {
      const file = join(d, `${TRAIL}/12/111122223333_CloudTrail_us-east-1_20261112T1525Z_Tx9pL4mN2bQw8eRs.json.gz`);
      const real = (JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { Records: Record<string, unknown>[] }).Records;
      writeFileSync(join(d, `${TRAIL}/01/planted.json`), JSON.stringify({ Records: [{ ...real[0], sourceIPAddress: '198.51.100.4' }, ...real.slice(1)] }));
      writeFileSync(join(d, `${TRAIL}/15/bad.json`), JSON.stringify({ Records: [record({ eventTime: '2026-11-15T10:00:00' }), record({ eventID: 'c0c0c0c0-0002-4c1e-9a1b-00000000c002' })] }));
      writeFileSync(join(d, `${TRAIL}/15/cut.json.gz`), gzipSync(JSON.stringify({ Records: [record()] })).subarray(0, 40));
      writeFileSync(join(d, `${TRAIL}/15/export.jsonl`), `${JSON.stringify(record({ eventID: 'c0c0c0c0-0003-4c1e-9a1b-00000000c003' }))}\n{not json\n`);
    });
    const here = await load(dir, 0);
    const problems = here.events.ok ? here.events.problems ?? [] : [];
    expect(problems.join('\n')).toMatch(/has conflicting copies in cloudtrail\/AWSLogs\/.*planted\.json and cloudtrail\/AWSLogs\/.*Tx9pL4mN2bQw8eRs\.json\.gz/);
    expect(here.inputs.find((i) => i.source.endsWith('cut.json.gz'))).toMatchObject({ status: 'skipped' });
    expect(here.inputs.find((i) => i.source.endsWith('bad.json'))).toMatchObject({ status: 'partial', records: 1 });
    await expect(load(dir, 2)).resolves.toStrictEqual(here);
  });
});

/**
 * Reads `text` three ways into batches: whole (ingestText), whole from its UTF-8 bytes without a
 * string of the file (ingestUtf8, as files are read), and as a stream in 7-byte chunks.
 */
async function bothWays(text: string, source: string, maxRecordChars = DEFAULT_LIMITS.maxRecordChars) {
  const limits = { ...DEFAULT_LIMITS, maxRecordChars };
  const keep = relevantEvents(config);
  const bytes = Buffer.from(text);
  // As a file's bytes decode (a leading byte-order mark is not text), what the readers before ingestUtf8 parsed.
  const whole = new BatchBuilder(window, keep);
  const wholeInput = ingestText(source, new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'sha', whole, limits);
  const fromBytes = new BatchBuilder(window, keep);
  const bytesInput = ingestUtf8(source, bytes, 'sha', fromBytes, limits);
  const streamed = new BatchBuilder(window, keep);
  const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
  const streamInput = await ingestCloudTrail(source, Readable.from(chunks), false, streamed, limits);
  const wholeRead = { input: { ...wholeInput, sha256: '' }, batch: whole.build() };
  expect({ input: { ...bytesInput, sha256: '' }, batch: fromBytes.build() }).toStrictEqual(wholeRead);
  return { whole: wholeRead, streamed: { input: { ...streamInput, sha256: '' }, batch: streamed.build() } };
}

describe('a log file read whole and cut at its record boundaries reads as the stream does', () => {
  const piece = fc.oneof(
    fc.constant(JSON.stringify(record())),
    fc.integer({ min: 0, max: 999 }).map((n) => JSON.stringify(record({ eventID: `e-${n}`, eventTime: `2026-11-${10 + (n % 9)}T0${n % 10}:00:00Z` }))),
    // A record whose own parameters hold an array of objects that start like records: cuts inside it do not parse.
    fc.constant(JSON.stringify(record({ requestParameters: { entries: [{ eventVersion: '1' }, { eventVersion: '2' }] } }))),
    // The separator inside a string (escaped quotes: never a cut), a record in another key order, a bad one.
    fc.constant(JSON.stringify(record({ userAgent: '},{"eventVersion":"x' }))),
    fc.constant(JSON.stringify({ eventID: 'x-1', eventVersion: '1.09', eventTime: '2026-11-15T14:00:00Z', eventName: 'A', eventSource: 'b' })),
    fc.constant('{"eventVersion":"1.09","eventID":'),
    fc.constant(JSON.stringify(record({ eventTime: 'yesterday' }))),
    fc.constant(JSON.stringify(record({ userAgent: 'y'.repeat(300) }))),
    // Characters of two, three and four bytes (the bytes split decodes each record alone), a byte-order mark inside.
    fc.constant(JSON.stringify(record({ eventID: 'e-utf8', userAgent: 'Navegador/1.0 (é; 日本; \u{1F600}; \uFEFF)' }))),
    fc.constant(JSON.stringify(record({ eventID: 'e-long-bytes', userAgent: 'é'.repeat(120) }))),
  );
  test('the same records, rejections, statuses and reasons (property-based)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 6 }), fc.constantFrom('records', 'bare', 'spaced', 'bom'), fc.constantFrom(1 << 20, 400, 480), async (pieces, layout, max) => {
        const body = pieces.join(',');
        const text = layout === 'records' ? `{"Records":[${body}]}` : layout === 'bare' ? `[${body}]` : layout === 'bom' ? `\uFEFF \uFEFF{"Records":[${body}]}\uFEFF\n` : `\n {"Records":[${body}]} \n`;
        const got = await bothWays(text, 'cloudtrail/f.json', max);
        expect(got.whole).toStrictEqual(got.streamed);
      }),
      { numRuns: 150 },
    );
  });

  test('a file of many blocks of bytes is cut as its text is, a bad or long record anywhere included (property-based)', () => {
    const big = fc.oneof(
      { weight: 20, arbitrary: fc.integer({ min: 0, max: 9999 }).map((n) => JSON.stringify(record({ eventID: `e-${n}`, userAgent: 'a'.repeat(n % 3000) }))) },
      { weight: 10, arbitrary: fc.integer({ min: 0, max: 999 }).map((n) => JSON.stringify(record({ eventID: `u-${n}`, userAgent: `é日本\u{1F600}`.repeat(n % 700) }))) },
      { weight: 2, arbitrary: fc.constant(JSON.stringify(record({ userAgent: '},{"eventVersion":"x' }))) },
      { weight: 2, arbitrary: fc.constant(JSON.stringify(record({ requestParameters: { entries: [{ eventVersion: '1' }, { eventVersion: '2' }] } }))) },
      { weight: 1, arbitrary: fc.constant('{"eventVersion":"1.09","eventID":') },
    );
    let blocks = 0;
    fc.assert(
      fc.property(fc.array(big, { minLength: 1, maxLength: 120, size: 'max' }), fc.constantFrom('{"Records":[', '['), fc.constantFrom(1 << 20, 2500), (pieces, open, max) => {
        const text = `${open}${pieces.join(',')}${open === '[' ? ']' : ']}'}`;
        if (Buffer.byteLength(text) > 2 * 48 * 1024) blocks += 1;
        const seen = (split: (each: (c: string, i: number, v: unknown) => void) => string | undefined) => {
          const got: unknown[] = [];
          return { container: split((c, i, v) => got.push([c, i, v])), got };
        };
        const fromText = seen((each) => splitLogText(text, max, each));
        const fromBytes = seen((each) => splitLogBytes(Buffer.from(text), max, each));
        expect(fromBytes).toStrictEqual(fromText);
      }),
      { numRuns: 60 },
    );
    // Most files span several blocks.
    expect(blocks).toBeGreaterThan(20);
  });

  test('bytes the reader takes as UTF-8 are the bytes the fatal decoder takes (property-based)', () => {
    // ingestCloudTrailFile checks with isUtf8 and reads the bytes as text; the stream reader decodes them fatally.
    const tricky = fc.constantFrom([0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf], [0xe2, 0x82], [0xf0, 0x9f, 0x98, 0x80], [0xff], [0x7b, 0x22]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }).map((b) => [b]), tricky), { maxLength: 40 }), (parts) => {
        const bytes = Buffer.from(parts.flat());
        let decodes = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          decodes = false;
        }
        expect(isUtf8(bytes)).toBe(decodes);
      }),
      { numRuns: 2000 },
    );
  });

  test('a record within the bound in characters but past it in bytes is read, as the stream reads it', async () => {
    const long = JSON.stringify(record({ userAgent: 'é'.repeat(200) }));
    const text = JSON.stringify({ Records: [JSON.parse(long), record({ eventID: 'e-2' })] });
    const got = await bothWays(text, 'cloudtrail/accents.json', long.length);
    expect(Buffer.byteLength(long)).toBeGreaterThan(long.length);
    expect(got.whole.input).toMatchObject({ status: 'read', records: 2 });
    expect(got.whole).toStrictEqual(got.streamed);
  });

  test('a record longer than the record bound is rejected, as the stream rejects it', async () => {
    const text = JSON.stringify({ Records: [record({ userAgent: 'x'.repeat(2000) }), record({ eventID: 'e-2' })] });
    const got = await bothWays(text, 'cloudtrail/huge.json', 1000);
    expect(got.whole.input).toMatchObject({ status: 'partial', records: 1, problem: expect.stringMatching(/Records\[0\] at position \d+: longer than 1000 characters/) });
    expect(got.whole).toStrictEqual(got.streamed);
  });
});

describe('the id table and the sink', () => {
  test('a batch gives back every eventID as it was read, long and non-ASCII ones and after a rollback included', () => {
    const ids = ['c0c0c0c0-0001', 'é日本\u{1F600}', 'x'.repeat(70000), 'last'];
    const b = new BatchBuilder(window, () => false);
    const tally = { records: 0, bad: 0, source: 's' };
    b.add(record({ eventID: 'dropped' }), 0, () => 'r', tally);
    b.rollback(0);
    ids.forEach((id, i) => b.add(record({ eventID: id }), i, () => 'r', tally));
    const batch = b.build();
    expect(Array.from({ length: batch.count }, (_, i) => batchId(batch, i))).toEqual(ids);
  });

  test('the table keeps every first copy across growth', () => {
    const t = new EventIdTable(4);
    const added = Array.from({ length: 5000 }, (_, i) => t.firstCopy(i, i * 7, i, 0, 1));
    expect(added.every((x) => x === undefined)).toBe(true);
    const found = Array.from({ length: 5000 }, (_, i) => t.firstCopy(i, i * 7, 0, 0, 2));
    expect(found.every((x, i) => x?.a === i && x.b === 0 && x.meta === 1)).toBe(true);
    expect(t.size).toBe(5000);
  });

  test('the table answers as a map of first copies, ids sharing a low or a high word included (property-based)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 40 }), fc.nat(), fc.nat()), { maxLength: 3000 }), fc.integer({ min: 1, max: 64 }), (ops, initial) => {
        const t = new EventIdTable(initial);
        const model = new Map<string, { a: number; b: number; meta: number }>();
        ops.forEach(([hi, lo, a, b], n) => {
          // Spread ids over the whole word so that high and low words collide in every way.
          const idHi = (hi * 0x3b9aca07) >>> 0;
          const idLo = (lo * 0x9e3779b1) >>> 0;
          const key = `${idHi}:${idLo}`;
          expect(t.firstCopy(idHi, idLo, a, b, n + 1)).toEqual(model.get(key));
          if (!model.has(key)) model.set(key, { a, b, meta: n + 1 });
        });
        expect(t.size).toBe(model.size);
      }),
      { numRuns: 100 },
    );
  });

  test('the sink keeps every event as it was read, field for field and key for key (property-based)', () => {
    const text = fc.constantFrom(undefined, 'a', 'AKIAEXAMPLE000000001', 'ASIAEXAMPLE000000002', 'é日本');
    const raw = fc.record({
      eventID: fc.string({ minLength: 1, maxLength: 8 }),
      eventTime: fc.constantFrom('2026-11-15T14:00:00Z', '2026-11-01T03:04:05.123Z'),
      eventName: fc.constantFrom('GetObject', 'ConsoleLogin', 'InvokeModel', 'CreateStreamingURL'),
      eventSource: fc.constantFrom('s3.amazonaws.com', 'signin.amazonaws.com', 'bedrock.amazonaws.com'),
      sourceIPAddress: text, userAgent: text, errorCode: text, vpcEndpointId: text, vpcEndpointAccountId: text,
      recipientAccountId: fc.constantFrom(undefined, '111122223333'),
      userIdentity: fc.record({ type: fc.constantFrom('IAMUser', 'Root', 'AssumedRole'), userName: text, accessKeyId: text, arn: text, invokedBy: text }, { requiredKeys: [] }),
      requestParameters: fc.option(fc.record({ bucketName: text, key: text, modelId: text, userId: text }, { requiredKeys: [] }), { nil: null }),
      responseElements: fc.option(fc.record({ ConsoleLogin: fc.constantFrom('Success', 'Failure') }), { nil: null }),
      additionalEventData: fc.option(fc.record({ MFAUsed: fc.constantFrom('Yes', 'No') }), { nil: null }),
    }, { requiredKeys: ['eventID', 'eventTime', 'eventName', 'eventSource'] });
    fc.assert(
      fc.property(raw, fc.constantFrom('cloudtrail/AWSLogs/444455556666/CloudTrail/x.json', 'lookup.json'), (r, source) => {
        const sink = new EventSink(window);
        sink.add(r, 0, () => 'r', { records: 0, bad: 0, source });
        const read = normalizeRecord(r);
        if (!read.ok) return;
        expect(sink.events()).toStrictEqual([withAccount(read.event, source)]);
      }),
      { numRuns: 300 },
    );
  });

  test('a copy a rule reads is a conflict with a copy nobody keeps, whatever the file order; agreeing copies are one event', () => {
    // Inside the network and in business hours: nobody keeps it. From outside: vpn-bypass reads it.
    const benign = record({ sourceIPAddress: '198.51.100.4', userIdentity: { type: 'IAMUser', userName: 'jdoe' }, requestParameters: null });
    const real = { ...benign, sourceIPAddress: '203.0.113.9' };
    for (const [a, b] of [[benign, real], [real, benign]]) {
      const sink = new EventSink(window, relevantEvents(config));
      const tally = (source: string) => ({ records: 0, bad: 0, source });
      sink.add(a, 0, () => 'r', tally('one.json'));
      sink.add(b, 0, () => 'r', tally('two.json'));
      sink.add(b, 0, () => 'r', tally('three.json'));
      // Each later copy is judged against the first: the third differs from it as the second does.
      expect(sink.conflicts()).toEqual([
        expect.stringMatching(/^eventID c0c0c0c0-0001-4c1e-9a1b-00000000c001 has conflicting copies in one\.json and two\.json/),
        expect.stringMatching(/in one\.json and three\.json/),
      ]);
      expect(sink.events().map((e) => e.sourceIp)).toEqual(a === real ? ['203.0.113.9'] : ['203.0.113.9', '203.0.113.9']);
    }
    const agreeing = new EventSink(window, relevantEvents(config));
    for (const source of ['s3.json.gz', 'lookup.json']) agreeing.add(record(), 0, () => 'r', { records: 0, bad: 0, source });
    expect(agreeing.conflicts()).toEqual([]);
    expect(agreeing.events()).toHaveLength(1);
  });
});
