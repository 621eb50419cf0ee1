import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { InputRecord } from '../report-model';
import type { EventBatch } from './event-batch';
import type { WorkerInit, WorkerJob } from './parse-worker';

/**
 * CloudTrail files parsed in worker threads, one per core: reading, gunzipping and parsing are
 * nearly all of an audit's time, and each file is independent. The main thread merges the
 * batches in the files' order, so the result is the one a single thread gives. Workers run
 * the compiled worker (dist/cloudtrail-worker.cjs, beside the compiled CLI) or, from the
 * TypeScript sources, the same module through tsx; a build without either parses in-thread.
 */

export interface ParseResult {
  readonly input: InputRecord;
  readonly batch: EventBatch;
}

/** Below this many bytes of CloudTrail files on disk, starting workers costs more than it saves. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

/** How many workers to start for `bytes` of files: `requested` when given, else one per core when that pays. */
export function workerCount(bytes: number, files: number, requested?: number): number {
  if (requested !== undefined) return Math.max(0, Math.min(requested, files));
  if (bytes < PARALLEL_MIN_BYTES) return 0;
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(cores, files);
}

interface Slot {
  readonly worker: Worker;
  pending: number;
  alive: boolean;
}

interface Waiter {
  readonly slot: Slot;
  readonly resolve: (r: ParseResult) => void;
  readonly reject: (err: Error) => void;
}

export class ParsePool {
  private readonly slots: Slot[];
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 0;

  private constructor(count: number, init: WorkerInit, script: WorkerScript) {
    this.slots = Array.from({ length: count }, () => this.spawn(init, script));
  }

  /** A pool of `count` workers, or undefined when there is no worker script to run (`place`: where this module runs from). */
  static start(count: number, init: WorkerInit, place: ScriptPlace = HERE): ParsePool | undefined {
    const script = workerScript(place);
    return count > 0 && script !== undefined ? new ParsePool(count, init, script) : undefined;
  }

  /** Rejects when the worker died before it answered: the caller reads the file itself. */
  parse(path: string, source: string): Promise<ParseResult> {
    const live = this.slots.filter((s) => s.alive);
    if (live.length === 0) return Promise.reject(new Error('no parsing worker left'));
    const slot = live.reduce((a, b) => (b.pending < a.pending ? b : a));
    const id = this.nextId++;
    slot.pending += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { slot, resolve, reject });
      slot.worker.postMessage({ id, path, source } satisfies WorkerJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(init: WorkerInit, script: WorkerScript): Slot {
    // A small young generation: each file is garbage once parsed, and a worker's heap is all RSS.
    const resourceLimits = { maxYoungGenerationSizeMb: 8 };
    const worker = script.eval ? new Worker(script.code, { eval: true, workerData: init, resourceLimits }) : new Worker(script.file, { workerData: init, resourceLimits });
    const slot: Slot = { worker, pending: 0, alive: true };
    worker.on('message', (m: { id: number; input?: InputRecord; batch?: EventBatch; failed?: string }) => {
      const waiter = this.waiting.get(m.id);
      if (waiter === undefined) return;
      this.waiting.delete(m.id);
      slot.pending -= 1;
      if (m.input !== undefined && m.batch !== undefined) waiter.resolve({ input: m.input, batch: m.batch });
      else waiter.reject(new Error(`parsing worker failed (${m.failed ?? 'error'})`));
    });
    const down = (why: string) => {
      slot.alive = false;
      for (const [id, w] of this.waiting) {
        if (w.slot !== slot) continue;
        this.waiting.delete(id);
        w.reject(new Error(why));
      }
    };
    worker.on('error', (err) => down(`parsing worker failed (${err.name})`));
    worker.on('exit', (code) => down(`parsing worker exited (${code})`));
    return slot;
  }
}

type WorkerScript = { readonly eval: false; readonly file: string } | { readonly eval: true; readonly code: string };

/** Where this module runs from (its folder and file) and how it finds tsx: other places are for the tests. */
export interface ScriptPlace {
  readonly dir: string;
  readonly file: string;
  readonly resolve: (id: string) => string;
}

const HERE: ScriptPlace = { dir: __dirname, file: __filename, resolve: (id) => require.resolve(id) };

/** The compiled worker beside the compiled CLI; from the sources, the TypeScript module through tsx. */
function workerScript(place: ScriptPlace): WorkerScript | undefined {
  const compiled = join(place.dir, 'cloudtrail-worker.cjs');
  if (existsSync(compiled)) return { eval: false, file: compiled };
  if (!place.file.endsWith('.ts')) return undefined;
  let tsx: string;
  try {
    tsx = place.resolve('tsx/cjs');
  } catch {
    return undefined;
  }
  return { eval: true, code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(join(place.dir, 'parse-worker.ts'))});` };
}
