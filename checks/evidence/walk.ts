import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type Stats, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { InputStatus } from '../model/completeness';

/**
 * Finding evidence files without being fooled or stuck: symbolic links are followed (a synced
 * archive is often a link), each real file is read once, a link back into its own ancestry is a
 * loop, not a walk for ever; and anything that is not a regular file or folder (FIFO, socket,
 * device) is refused from its metadata alone, never opened, so it cannot make the audit wait.
 */

export type WalkEntry =
  | { readonly kind: 'file'; readonly path: string; /** Bytes on disk when walked. */ readonly size: number }
  | { readonly kind: 'problem'; readonly path: string; readonly status: Extract<InputStatus, 'skipped' | 'refused' | 'ignored'>; readonly problem: string };

/** Every file under `root`, any depth, in a stable order; `base` makes reported paths relative. */
export function walkFiles(root: string, base: string): WalkEntry[] {
  const out: WalkEntry[] = [];
  const seenFiles = new Map<string, string>();
  const seenDirs = new Map<string, string>();
  const rel = (p: string) => relative(base, p) || '.';

  // `ancestors`: the folders above this path, by id, each with its reported path.
  const visit = (path: string, ancestors: ReadonlyMap<string, string>) => {
    let link: Stats;
    let target: Stats;
    try {
      link = lstatSync(path);
      target = link.isSymbolicLink() ? statSync(path) : link;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ELOOP' ? 'symbolic link loop (it resolves to itself)' : code === 'ENOENT' ? (safeLstat(path) ? `broken symbolic link (to ${safeReadlink(path)})` : 'not found') : `cannot be examined (${code ?? 'error'})`;
      out.push({ kind: 'problem', path: rel(path), status: 'skipped', problem: why });
      return;
    }
    const id = `${target.dev}:${target.ino}`;
    if (target.isDirectory()) {
      const above = ancestors.get(id);
      if (above !== undefined) {
        out.push({ kind: 'problem', path: rel(path), status: 'ignored', problem: `symbolic link loop: leads back to ${above}, whose files are read once` });
        return;
      }
      const earlier = seenDirs.get(id);
      if (earlier !== undefined) {
        out.push({ kind: 'problem', path: rel(path), status: 'ignored', problem: `same folder as ${earlier}, whose files are read once` });
        return;
      }
      const here = rel(path);
      seenDirs.set(id, here);
      let names: string[];
      try {
        names = readdirSync(path).sort((a, b) => a.localeCompare(b));
      } catch (err) {
        out.push({ kind: 'problem', path: rel(path), status: 'skipped', problem: `folder cannot be listed (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
        return;
      }
      const inner = new Map(ancestors).set(id, here);
      for (const name of names) visit(join(path, name), inner);
      return;
    }
    if (!target.isFile()) {
      out.push({ kind: 'problem', path: rel(path), status: 'refused', problem: `not a regular file (${fileType(target)}): refused without opening it` });
      return;
    }
    const earlier = seenFiles.get(id);
    if (earlier !== undefined) {
      out.push({ kind: 'problem', path: rel(path), status: 'ignored', problem: `same file as ${earlier} (a link), read once` });
      return;
    }
    seenFiles.set(id, rel(path));
    out.push({ kind: 'file', path, size: target.size });
  };

  visit(root, new Map());
  return out;
}

/** Every regular file under `dir` (bench and tools that only need the paths). */
export function listFiles(dir: string): string[] {
  return walkFiles(dir, dir).flatMap((e) => (e.kind === 'file' ? [e.path] : []));
}

export function fileType(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  return 'not a file';
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return 'nowhere';
  }
}

/**
 * Opens a file for reading only if it is (still) a regular file: O_NONBLOCK so that a FIFO put
 * in its place after the walk cannot block the open, then fstat to be sure.
 */
export function openRegular(path: string): { fd: number; size: number } | { problem: string; status: 'refused' | 'skipped' } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { status: 'skipped', problem: code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? 'error'})` };
  }
  const s = fstatSync(fd);
  if (!s.isFile()) {
    closeSync(fd);
    return { status: 'refused', problem: `not a regular file (${fileType(s)}): refused` };
  }
  return { fd, size: s.size };
}

export type WholeFile = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly status: 'refused' | 'skipped'; readonly problem: string };

/** A small file read whole (credential report, authorization details), within `maxBytes`. */
export function readWholeFile(path: string, maxBytes: number): WholeFile {
  let s: Stats;
  try {
    s = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, status: 'skipped', problem: code === 'ENOENT' ? (safeLstat(path) ? `broken symbolic link (to ${safeReadlink(path)})` : 'not found') : `cannot be read (${code ?? 'error'})` };
  }
  if (!s.isFile()) return { ok: false, status: 'refused', problem: `not a regular file (${s.isDirectory() ? 'a folder' : fileType(s)}): refused without opening it` };
  if (s.size > maxBytes) return { ok: false, status: 'refused', problem: `larger than the ${Math.round(maxBytes / 1048576)} MiB bound for this file: refused` };
  const opened = openRegular(path);
  if ('problem' in opened) return { ok: false, ...opened };
  try {
    // Read to the end rather than trust the size from stat: the file may have grown since.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(Math.max(opened.size, 65536), maxBytes + 1 - total) || 1);
      const n = readSync(opened.fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { ok: false, status: 'refused', problem: `larger than the ${Math.round(maxBytes / 1048576)} MiB bound for this file: refused` };
      chunks.push(chunk.subarray(0, n));
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch (err) {
    return { ok: false, status: 'skipped', problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    closeSync(opened.fd);
  }
}

function safeLstat(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  }
  // Stryker disable next-line BlockStatement: an empty catch returns undefined, as falsy to the callers as false
  catch {
    return false;
  }
}

