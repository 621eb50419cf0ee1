import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestCloudTrailFile, readTrailFile } from '../../../checks/evidence/cloudtrail-file';
import type { RecordTarget } from '../../../checks/evidence/event-batch';
import { DEFAULT_LIMITS } from '../../../checks/evidence/read-limits';
import { minimalTrailRecord } from './trail-records';

/**
 * One CloudTrail file of an evidence folder: what cannot be opened as a regular file, a file
 * past the whole-read bound (streamed), one that grew past it after it was measured, and a
 * descriptor that cannot be read, each to its status, records, hash and reason.
 */

const root = mkdtempSync(join(tmpdir(), 'cloudtrail-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const record = minimalTrailRecord;

function recorder() {
  const ids: unknown[] = [];
  const target: RecordTarget = {
    add(raw, _index, _locate, tally) {
      tally.records += 1;
      ids.push((raw as { eventID?: unknown }).eventID);
    },
  };
  return { target, ids };
}

/** A log file of two records, written under the temporary folder. */
function logFile(name: string): { path: string; bytes: Buffer } {
  const path = join(root, name);
  const bytes = Buffer.from(JSON.stringify({ Records: [record('e-1'), record('e-2')] }));
  writeFileSync(path, bytes);
  return { path, bytes };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
// Whole reads up to 100 bytes: the files here are larger.
const small = { ...DEFAULT_LIMITS, ratioAfterBytes: 100 };

describe('readTrailFile', () => {
  test('a path that is not there, or not a regular file: its record says so, nothing read, no hash', async () => {
    await expect(readTrailFile(join(root, 'gone.json'), 'gone.json', recorder().target)).resolves.toEqual({
      source: 'gone.json', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: '', problem: 'not found',
    });
    mkdirSync(join(root, 'folder.json'));
    await expect(readTrailFile(join(root, 'folder.json'), 'folder.json', recorder().target)).resolves.toEqual({
      source: 'folder.json', kind: 'cloudtrail', status: 'refused', records: 0, sha256: '', problem: 'not a regular file (not a file): refused',
    });
  });

  test('a file past the whole-read bound is streamed from its descriptor: every record, the hash of every byte', async () => {
    const { path, bytes } = logFile('large.json');
    const { target, ids } = recorder();
    await expect(readTrailFile(path, 'large.json', target, small)).resolves.toEqual({ source: 'large.json', kind: 'cloudtrail-log', status: 'read', records: 2, sha256: sha(bytes) });
    expect(ids).toEqual(['e-1', 'e-2']);
  });
});

describe('ingestCloudTrailFile', () => {
  test('a file that grew past the bound after it was measured: what was read and the rest of the descriptor, streamed', async () => {
    const { path, bytes } = logFile('grew.json');
    const { target, ids } = recorder();
    await expect(ingestCloudTrailFile('grew.json', openSync(path, 'r'), 10, false, target, small)).resolves.toEqual({
      source: 'grew.json', kind: 'cloudtrail-log', status: 'read', records: 2, sha256: sha(bytes),
    });
    expect(ids).toEqual(['e-1', 'e-2']);
  });

  test('a descriptor that cannot be read: the stream meets the same error and names it by its code', async () => {
    mkdirSync(join(root, 'dir'));
    await expect(ingestCloudTrailFile('dir.json', openSync(join(root, 'dir'), 'r'), 0, false, recorder().target)).resolves.toEqual({
      source: 'dir.json', kind: 'cloudtrail', status: 'skipped', records: 0, sha256: sha(Buffer.alloc(0)), problem: 'cannot be read (EISDIR) after 0 bytes',
    });
  });

  test('a file past the byte bound, streamed from its descriptor: refused, the hash still covering the whole file', async () => {
    const path = join(root, 'huge.json');
    const bytes = Buffer.from(`{"Records":[]}${' '.repeat(300_000)}`);
    writeFileSync(path, bytes);
    await expect(readTrailFile(path, 'huge.json', recorder().target, { ...small, maxBytes: 100_000 })).resolves.toEqual({
      source: 'huge.json', kind: 'cloudtrail-log', status: 'refused', records: 0, sha256: sha(bytes), problem: 'larger than the 0 MiB bound for one file: refused, not read further',
    });
  });

  test('a file ending inside a multi-byte character, read whole or streamed: not UTF-8 text, its records kept', async () => {
    const path = join(root, 'cut.jsonl');
    const bytes = Buffer.concat([Buffer.from(`${JSON.stringify(record('e-1'))}\n`), Buffer.from([0xe2, 0x82])]);
    writeFileSync(path, bytes);
    for (const limits of [DEFAULT_LIMITS, small]) {
      const { target, ids } = recorder();
      await expect(readTrailFile(path, 'cut.jsonl', target, limits)).resolves.toEqual({
        source: 'cut.jsonl', kind: 'cloudtrail-json-lines', status: 'partial', records: 1, sha256: sha(bytes), problem: `not UTF-8 text (undecodable bytes within the first ${bytes.length} bytes)`,
      });
      expect(ids).toEqual(['e-1']);
    }
  });
});
