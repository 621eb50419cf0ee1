import { createHash } from 'node:crypto';
import { createReadStream, type Dirent, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import type { InputRecord } from '../report-model';
import type { EventSink, IngestTally } from './event-sink';

/**
 * CloudTrail inputs: log files as delivered to S3 (`{"Records":[...]}`, .json or .json.gz) and
 * LookupEvents pages (`{"Events":[{"CloudTrailEvent":"<json>"}]}`). One file at a time,
 * gunzipped as a stream; a bad file is reported and skipped, the others still read.
 */

// Each record is validated on its own (a bad one is skipped, not the file): here only "an array".
const records = z.custom<unknown[]>((v) => Array.isArray(v), { error: 'must be an array' });
const logFile = z.object({ Records: records });
const lookupPage = z.object({ Events: z.array(z.object({ CloudTrailEvent: z.string() })) });

/** Reads one CloudTrail object (file or S3 body) into the sink and describes it. */
export async function ingestCloudTrail(source: string, body: Readable, gzipped: boolean, sink: EventSink): Promise<InputRecord> {
  const hash = createHash('sha256');
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  let text: string;
  try {
    text = await readAll(gzipped ? body.pipe(createGunzip()) : body, body);
  } catch (err) {
    await drain(body);
    const why = (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end/i.test(String(err)) ? 'truncated gzip' : `unreadable (${(err as Error).message})`;
    return skipped(source, hash.digest('hex'), why);
  }
  const sha256 = hash.digest('hex');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return skipped(source, sha256, `not JSON: ${(err as Error).message}`);
  }
  const ingested = ingestJson(json, sink);
  if (ingested) return record(source, ingested.kind, sha256, ingested.tally);
  return skipped(source, sha256, 'neither a CloudTrail log file ({"Records":[...]}) nor a LookupEvents page ({"Events":[...]})');
}

/** Feeds a parsed log file or LookupEvents page into the sink; undefined when it is neither. */
export function ingestJson(json: unknown, sink: EventSink): { kind: string; tally: IngestTally } | undefined {
  const tally: IngestTally = { records: 0, bad: 0 };
  const asLog = logFile.safeParse(json);
  if (asLog.success) {
    const locate = (i: number) => `Records[${i}]`;
    asLog.data.Records.forEach((r, i) => sink.add(r, i, locate, tally));
    return { kind: 'cloudtrail-log', tally };
  }
  const asPage = lookupPage.safeParse(json);
  if (!asPage.success) return undefined;
  const locate = (i: number) => `Events[${i}].CloudTrailEvent`;
  asPage.data.Events.forEach((e, i) => {
    let inner: unknown;
    try {
      inner = JSON.parse(e.CloudTrailEvent);
    } catch {
      tally.records += 1;
      tally.bad += 1;
      tally.firstProblem ??= `Events[${i}].CloudTrailEvent: not JSON`;
      return;
    }
    sink.add(inner, i, locate, tally);
  });
  return { kind: 'cloudtrail-lookup-events', tally };
}

/** Every file under `dir`, any depth, in a stable order. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries: Dirent[] = readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.isFile()) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

/** Reads every CloudTrail file under `dir`; `base` makes the reported paths relative. */
export async function loadCloudTrailDir(dir: string, base: string, sink: EventSink): Promise<InputRecord[]> {
  const inputs: InputRecord[] = [];
  for (const file of listFiles(dir)) {
    const source = relative(base, file);
    if (!/\.json(\.gz)?$/.test(file)) {
      inputs.push(await hashOnly(source, file, 'not a .json or .json.gz file; ignored'));
      continue;
    }
    inputs.push(await ingestCloudTrail(source, createReadStream(file), file.endsWith('.gz'), sink));
  }
  return inputs;
}

async function hashOnly(source: string, file: string, problem: string): Promise<InputRecord> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return skipped(source, hash.digest('hex'), problem);
}

async function readAll(stream: Readable, raw: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    raw.on('error', reject);
    stream.on('error', reject);
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', resolve);
  });
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads what is left so the hash covers the whole object even when gunzip gave up early. */
async function drain(raw: Readable): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return;
  await new Promise<void>((resolve) => {
    raw.on('end', resolve);
    raw.on('error', () => resolve());
    raw.on('close', resolve);
    raw.resume();
  });
}

function skipped(source: string, sha256: string, problem: string): InputRecord {
  return { source, kind: 'cloudtrail', status: 'skipped', records: 0, sha256, problem };
}

export function record(source: string, kind: string, sha256: string, t: IngestTally): InputRecord {
  const problem = t.bad > 0 ? `${t.bad} of ${t.records} records skipped, first ${t.firstProblem}` : undefined;
  return { source, kind, status: 'read', records: t.records - t.bad, sha256, ...(problem ? { problem } : {}) };
}
