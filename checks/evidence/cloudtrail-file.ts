import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { InputRecord } from '../report-model';
import { ingestCloudTrail, ingestUtf8 } from './cloudtrail-files';
import { openRegular } from './walk';
import type { RecordTarget } from './event-batch';
import { DEFAULT_LIMITS, type ReadLimits, WHOLE_READ_BYTES } from './read-limits';

/** One CloudTrail file of an evidence folder, opened only if it is (still) a regular file. */
export async function readTrailFile(path: string, source: string, target: RecordTarget, limits: ReadLimits = DEFAULT_LIMITS): Promise<InputRecord> {
  const opened = openRegular(path);
  if ('problem' in opened) return { source, kind: 'cloudtrail', status: opened.status, records: 0, sha256: '', problem: opened.problem };
  return ingestCloudTrailFile(source, opened.fd, opened.size, /\.gz$/i.test(source), target, limits);
}

/**
 * One CloudTrail file of an evidence folder, from an open descriptor (closed when done). A file
 * within WHOLE_READ_BYTES is read and gunzipped in one piece, then parsed by ingestUtf8 (cut
 * into records in its bytes, no string of the whole file); should any step fail (a truncated
 * gzip, bytes that are not UTF-8, a file that grew past the bound), the bytes go through the
 * stream reader instead, which names the problem and its position exactly as for a large file. So the fast path changes speed, never the outcome.
 */
export async function ingestCloudTrailFile(source: string, fd: number, size: number, gzipped: boolean, target: RecordTarget, limits: ReadLimits = DEFAULT_LIMITS): Promise<InputRecord> {
  const bound = Math.min(WHOLE_READ_BYTES, limits.maxBytes, limits.ratioAfterBytes);
  // Stryker disable next-line StringLiteral: given an fd, createReadStream ignores its path
  if (size > bound) return ingestCloudTrail(source, createReadStream('', { fd }), gzipped, target, limits);
  let raw: Buffer;
  try {
    raw = readUpTo(fd, bound + 1);
  } catch {
    // Let the stream meet the same error and name it as it does.
    // Stryker disable next-line StringLiteral: given an fd, createReadStream ignores its path
    return ingestCloudTrail(source, createReadStream('', { fd, start: 0 }), gzipped, target, limits);
  }
  // Stryker disable next-line StringLiteral: given an fd, createReadStream ignores its path
  if (raw.length > bound) return ingestCloudTrail(source, Readable.from(concat(slices(raw), createReadStream('', { fd }))), gzipped, target, limits);
  closeSync(fd);
  const streamed = () => ingestCloudTrail(source, Readable.from(slices(raw)), gzipped, target, limits);
  let content: Buffer;
  try {
    content = gzipped ? gunzipSync(raw, { maxOutputLength: bound }) : raw;
  } catch {
    return streamed();
  }
  // Bytes that are not UTF-8: the stream reader names where.
  if (!isUtf8(content)) return streamed();
  return ingestUtf8(source, content, createHash('sha256').update(raw).digest('hex'), target, limits);
}

/** Reads from the descriptor's position until the end or `max` bytes. */
function readUpTo(fd: number, max: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max - total) || 1);
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total >= max) break;
  }
  return Buffer.concat(chunks, total);
}

// As the file stream hands them over (64 KiB), so the gzip-ratio check sees the same progress.
function* slices(buf: Buffer): Generator<Buffer> {
  for (let at = 0; at < buf.length; at += 65536) yield buf.subarray(at, at + 65536);
}

async function* concat(head: Iterable<Buffer>, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  for await (const chunk of rest) yield chunk as Buffer;
}
