import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { InputRecord } from '../report-model';
import type { IngestTally, RecordTarget } from './event-batch';
import { JsonRecordSplitter } from './json-records';
import { type EachRecord, splitLogBytes, splitLogText } from './log-file-split';
import { DEFAULT_LIMITS, type ReadLimits } from './read-limits';

/**
 * CloudTrail inputs, read as streams (one record in memory at a time): log files as delivered to
 * S3 (`{"Records":[...]}`), LookupEvents pages (`{"Events":[{"CloudTrailEvent":"<json>"}]}`),
 * bare arrays of records, and JSON Lines (`.jsonl`, `.ndjson`), each `.gz` or not. A bad
 * record makes its input `partial`; a file that cannot be read is `skipped`, one past the size
 * bounds `refused`; the others are still read. Reasons name positions, never the bytes there.
 */

/** File names read as JSON Lines. */
export const JSON_LINES_RE = /\.(jsonl|ndjson)(\.gz)?$/i;
/** File names read as CloudTrail evidence at all. */
export const CLOUDTRAIL_FILE_RE = /\.(json|jsonl|ndjson)(\.gz)?$/i;

class Refused extends Error {}

/** Reads one CloudTrail object (file or S3 body) into the sink and describes it. */
export async function ingestCloudTrail(source: string, body: Readable, gzipped: boolean, sink: RecordTarget, limits: ReadLimits = DEFAULT_LIMITS): Promise<InputRecord> {
  const hash = createHash('sha256');
  let rawBytes = 0;
  body.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    rawBytes += chunk.length;
  });
  const tally: IngestTally = { records: 0, bad: 0, source };
  const lines = JSON_LINES_RE.test(source);
  const reader = lines ? new JsonLinesReader(sink, tally, limits.maxRecordChars) : new DocumentReader(sink, tally, limits.maxRecordChars);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // The content is read through a pipe, never from the body itself: leaving the loop below early
  // destroys what it reads, and the body must stay open for `drain` to hash the rest of it. Plain
  // content passes in the body's own chunks (object mode: none merged, so bounds and positions
  // are met as before). A pipe passes on neither the body's failure nor its closing before its
  // end: both are passed on here.
  const content = gzipped ? createGunzip() : new PassThrough({ objectMode: true });
  body.on('error', (err) => content.destroy(err));
  body.on('close', () => {
    if (!body.readableEnded) content.destroy(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
  });
  body.pipe(content);
  let bytes = 0;
  const notUtf8 = () => new NotUtf8(`not UTF-8 text (undecodable bytes within the first ${bytes} bytes${gzipped ? ' decompressed' : ''})`);
  let failure: { status: 'skipped' | 'refused' | 'partial'; problem: string } | undefined;
  try {
    for await (const chunk of content) {
      const buf = chunk as Buffer;
      bytes += buf.length;
      if (bytes > limits.maxBytes) throw new Refused(`larger than the ${mib(limits.maxBytes)} MiB bound for one file${gzipped ? ' once decompressed' : ''}: refused, not read further`);
      if (gzipped && bytes > limits.ratioAfterBytes && bytes > limits.maxRatio * Math.max(rawBytes, 1)) {
        throw new Refused(`decompresses to more than ${limits.maxRatio} times its size (a gzip bomb?): refused after ${mib(bytes)} MiB`);
      }
      let text: string;
      try {
        text = decoder.decode(buf, { stream: true });
      } catch {
        throw notUtf8();
      }
      reader.feed(text);
    }
    let tail: string;
    try {
      // Throws when the content ends inside a multi-byte character: bytes that are not UTF-8 too.
      tail = decoder.decode();
    } catch {
      throw notUtf8();
    }
    reader.feed(tail);
    reader.end();
  } catch (err) {
    if (err instanceof Refused) failure = { status: 'refused', problem: err.message };
    else if (err instanceof NotUtf8) failure = { status: tally.records > 0 ? 'partial' : 'skipped', problem: err.message };
    else failure = { status: tally.records > 0 ? 'partial' : 'skipped', problem: streamProblem(err, gzipped, bytes) };
    body.unpipe(content);
    content.destroy();
    await drain(body);
  }
  const sha256 = hash.digest('hex');
  if (failure) return withTally({ source, kind: reader.kind() ?? 'cloudtrail', sha256 }, tally, failure);
  return finish(source, reader, sha256, tally);
}

/** The input's record once its content was read to the end. */
function finish(source: string, reader: ContentReader, sha256: string, tally: IngestTally): InputRecord {
  const kind = reader.kind();
  const structural = reader.error();
  if (structural) return withTally({ source, kind: kind ?? 'cloudtrail', sha256 }, tally, { status: tally.records > 0 ? 'partial' : 'skipped', problem: structural });
  if (kind === undefined) {
    return { source, kind: 'cloudtrail', status: 'skipped', records: 0, sha256, problem: 'neither a CloudTrail log file ({"Records":[...]}), a LookupEvents page ({"Events":[...]}), an array of records nor JSON Lines' };
  }
  return record(source, kind, sha256, tally);
}

/**
 * Content decoded whole (a file small enough to read at once): read exactly as the stream
 * would read it, the same records, statuses and reasons. A CloudTrail log file as S3 receives
 * it (`{"Records":[{"eventVersion":...},...]}`, or a bare array of such records) is cut at its
 * record boundaries (log-file-split.ts), which costs what one JSON.parse of the file costs;
 * anything else, or anything that does not parse that way, goes through the readers above.
 */
export function ingestText(source: string, text: string, sha256: string, target: RecordTarget, limits: ReadLimits = DEFAULT_LIMITS, cut = true): InputRecord {
  const tally: IngestTally = { records: 0, bad: 0, source };
  const lines = JSON_LINES_RE.test(source);
  if (!lines && cut) {
    const done = cutInto(source, sha256, target, tally, (each) => splitLogText(text, limits.maxRecordChars, each));
    if (done !== undefined) return done;
  }
  const reader = lines ? new JsonLinesReader(target, tally, limits.maxRecordChars) : new DocumentReader(target, tally, limits.maxRecordChars);
  reader.feed(text);
  reader.end();
  return finish(source, reader, sha256, tally);
}

/**
 * `ingestText` of the text these bytes hold, when they are valid UTF-8 (the caller checked),
 * without making one string of them: a log file in CloudTrail's layout is cut in its bytes and
 * decoded a few records at a time; anything else is decoded whole and read by `ingestText`. The same
 * records, statuses and reasons either way (log-file-split.ts says why).
 */
export function ingestUtf8(source: string, content: Buffer, sha256: string, target: RecordTarget, limits: ReadLimits = DEFAULT_LIMITS): InputRecord {
  const lines = JSON_LINES_RE.test(source);
  if (!lines) {
    const done = cutInto(source, sha256, target, { records: 0, bad: 0, source }, (each) => splitLogBytes(content, limits.maxRecordChars, each));
    if (done !== undefined) return done;
  }
  // Where the bytes split gave up, the text split would too: straight to the general readers.
  return ingestText(source, new TextDecoder('utf-8', { fatal: true }).decode(content), sha256, target, limits, false);
}

/**
 * Runs a split into the target: records go to the target as they are parsed (nothing of the
 * file is held) when it can take them back should a later piece not parse; else they are parsed
 * first and handed over after. Undefined (target and tally as before) when the split gave up.
 */
function cutInto(source: string, sha256: string, target: RecordTarget, tally: IngestTally, split: (each: EachRecord) => string | undefined): InputRecord | undefined {
  const mark = target.mark?.();
  const held: [string, number, unknown][] = [];
  const container = split(mark !== undefined ? (c, i, value) => handleElement(c, i, value, target, tally) : (c, i, value) => held.push([c, i, value]));
  if (container !== undefined) {
    for (const [c, i, value] of held) handleElement(c, i, value, target, tally);
    return record(source, container === '[]' ? 'cloudtrail-records' : 'cloudtrail-log', sha256, tally);
  }
  if (mark !== undefined) target.rollback?.(mark);
  tally.records = 0;
  tally.bad = 0;
  tally.firstProblem = undefined;
  return undefined;
}

class NotUtf8 extends Error {}

function streamProblem(err: unknown, gzipped: boolean, bytes: number): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (gzipped && (code === 'Z_BUF_ERROR' || /unexpected end/i.test(String((err as Error).message)))) return `truncated gzip: cut short after ${bytes} decompressed bytes`;
  if (gzipped && (code === 'Z_DATA_ERROR')) return `not decodable as gzip (${code}) after ${bytes} decompressed bytes`;
  // Node's own I/O and zlib messages name no content; keep only their code.
  return `cannot be read (${code ?? (err as Error).name ?? 'error'}) after ${bytes} bytes`;
}

/** Feeds a parsed log file or LookupEvents page into the sink; undefined when it is neither. */
export function ingestJson(json: unknown, sink: RecordTarget, source?: string): { kind: string; tally: IngestTally } | undefined {
  const tally: IngestTally = { records: 0, bad: 0, ...(source ? { source } : {}) };
  if (isObject(json) && Array.isArray(json.Records)) {
    json.Records.forEach((r, i) => sink.add(r, i, (n) => `Records[${n}]`, tally));
    return { kind: 'cloudtrail-log', tally };
  }
  if (isObject(json) && Array.isArray(json.Events)) {
    json.Events.forEach((e, i) => addLookupEvent(e, i, 'Events', sink, tally));
    return { kind: 'cloudtrail-lookup-events', tally };
  }
  return undefined;
}

/** A LookupEvents entry carries the record as a JSON string in `CloudTrailEvent`. */
function addLookupEvent(entry: unknown, index: number, container: string, sink: RecordTarget, tally: IngestTally): void {
  const inner = isObject(entry) ? entry.CloudTrailEvent : undefined;
  if (typeof inner !== 'string') return reject(tally, `${container}[${index}]: no CloudTrailEvent string`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(inner);
  } catch {
    // V8's message quotes the text around the error: never pass it on.
    return reject(tally, `${container}[${index}].CloudTrailEvent: not valid JSON`);
  }
  sink.add(parsed, index, (n) => `${container}[${n}].CloudTrailEvent`, tally);
}

function reject(tally: IngestTally, problem: string): void {
  tally.records += 1;
  tally.bad += 1;
  tally.firstProblem ??= problem;
}

interface ContentReader {
  feed(text: string): void;
  end(): void;
  kind(): string | undefined;
  error(): string | undefined;
}

/** One JSON document: records are the elements of `Records`, `Events`, or a bare array. */
class DocumentReader implements ContentReader {
  private readonly splitter: JsonRecordSplitter;

  constructor(sink: RecordTarget, tally: IngestTally, maxRecordChars: number) {
    this.splitter = new JsonRecordSplitter(
      {
        record: (container, index, text, position) => {
          let value: unknown;
          try {
            value = JSON.parse(text);
          } catch {
            return reject(tally, `${name(container, index)} at position ${position}: not valid JSON`);
          }
          handleElement(container, index, value, sink, tally);
        },
        oversize: (container, index, position) => reject(tally, `${name(container, index)} at position ${position}: longer than ${maxRecordChars} characters, not read`),
      },
      maxRecordChars,
    );
  }

  feed(text: string): void {
    this.splitter.feed(text);
  }

  end(): void {
    this.splitter.end();
  }

  kind(): string | undefined {
    const c = this.splitter.containers;
    return c.has('Records') ? 'cloudtrail-log' : c.has('Events') ? 'cloudtrail-lookup-events' : c.has('[]') ? 'cloudtrail-records' : undefined;
  }

  error(): string | undefined {
    return this.splitter.error;
  }
}

/** One element of a record array: a record, or a LookupEvents entry carrying one. */
function handleElement(container: string, index: number, value: unknown, sink: RecordTarget, tally: IngestTally): void {
  if (container === 'Events' || (container === '[]' && isObject(value) && typeof value.CloudTrailEvent === 'string')) addLookupEvent(value, index, name(container, index).replace(/\[\d+\]$/, ''), sink, tally);
  else sink.add(value, index, (n) => name(container, n), tally);
}

function name(container: string, index: number): string {
  return container === '[]' ? `[${index}]` : `${container}[${index}]`;
}

/** JSON Lines: one record (or LookupEvents entry) per line. */
class JsonLinesReader implements ContentReader {
  private line: string[] = [];
  private lineLength = 0;
  private lineNo = 1;
  private oversized = false;
  private anyLine = false;

  constructor(
    private readonly sink: RecordTarget,
    private readonly tally: IngestTally,
    private readonly maxRecordChars: number,
  ) {}

  feed(text: string): void {
    let from = 0;
    for (let nl = text.indexOf('\n', from); nl !== -1; nl = text.indexOf('\n', from)) {
      this.append(text.slice(from, nl));
      this.finishLine(false);
      from = nl + 1;
    }
    this.append(text.slice(from));
  }

  end(): void {
    this.finishLine(true);
  }

  kind(): string | undefined {
    return this.anyLine ? 'cloudtrail-json-lines' : undefined;
  }

  // Stryker disable next-line BlockStatement: an empty body returns undefined too
  error(): string | undefined {
    return undefined;
  }

  // No shortcut for an empty part (it adds nothing) or an oversized line (it stays oversized and empty).
  private append(part: string): void {
    this.lineLength += part.length;
    if (this.lineLength > this.maxRecordChars) {
      this.oversized = true;
      // Stryker disable next-line ArrayDeclaration: an oversized line's parts are never read again (append pushes none onto it, finishLine rejects before joining them); this only lets them be collected
      this.line = [];
    } else this.line.push(part);
  }

  private finishLine(last: boolean): void {
    const n = this.lineNo;
    this.lineNo += 1;
    const oversized = this.oversized;
    const text = this.line.join('').replace(/^\uFEFF/, '').trim();
    this.line = [];
    this.lineLength = 0;
    this.oversized = false;
    if (oversized) {
      this.anyLine = true;
      return reject(this.tally, `line ${n}: longer than ${this.maxRecordChars} characters, not read`);
    }
    if (text === '') return;
    this.anyLine = true;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return reject(this.tally, `line ${n}: not valid JSON${last ? ' (the file may be cut short)' : ''}`);
    }
    if (isObject(value) && typeof value.CloudTrailEvent === 'string') addLookupEvent(value, n, 'line', this.sink, this.tally);
    else this.sink.add(value, n, (i) => `line ${i}`, this.tally);
  }
}

/**
 * Reads what is left so the hash covers the whole object even when reading gave up early (a bound
 * passed, bytes not UTF-8), without holding it: the body is never the stream the reading loop left.
 * Should the body fail or close before its end, the hash covers what arrived.
 */
async function drain(raw: Readable): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return;
  await new Promise<void>((resolve) => {
    raw.on('end', resolve);
    raw.on('error', () => resolve());
    raw.on('close', resolve);
    raw.resume();
  });
}

function withTally(base: { source: string; kind: string; sha256: string }, t: IngestTally, failure: { status: InputRecord['status']; problem: string }): InputRecord {
  const rejected = t.bad > 0 ? `; ${t.bad} of ${t.records} records rejected, first ${t.firstProblem}` : '';
  return { ...base, status: failure.status, records: t.records - t.bad, problem: `${failure.problem}${rejected}` };
}

/** An input's record from its tally: `partial` as soon as one record was rejected. */
export function record(source: string, kind: string, sha256: string, t: IngestTally): InputRecord {
  if (t.bad === 0) return { source, kind, status: 'read', records: t.records, sha256 };
  return { source, kind, status: 'partial', records: t.records - t.bad, sha256, problem: `${t.bad} of ${t.records} records rejected, first ${t.firstProblem}` };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mib(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}
