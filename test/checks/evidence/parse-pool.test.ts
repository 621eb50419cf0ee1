import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import * as threads from 'node:worker_threads';
import { auditWindow } from '../../../checks/audit';
import { BatchBuilder } from '../../../checks/evidence/event-batch';
import { PARALLEL_MIN_BYTES, ParsePool, workerCount } from '../../../checks/evidence/parse-pool';
import type { WorkerInit } from '../../../checks/evidence/parse-worker';
import { DEFAULT_LIMITS } from '../../../checks/evidence/read-limits';
import type { InputRecord } from '../../../checks/report-model';

/**
 * The pool's bookkeeping, in this thread: the workers are stand-ins that record what they are
 * sent and answer (or fail, or exit) when a test says so; how many cores there are is a test's
 * choice too. parallel-parse.test.ts runs real workers.
 */

jest.mock('node:os', () => ({ ...jest.requireActual<typeof import('node:os')>('node:os'), availableParallelism: jest.fn(() => 4) }));

jest.mock('node:worker_threads', () => {
  const { EventEmitter } = jest.requireActual<typeof import('node:events')>('node:events');
  const made: unknown[] = [];
  class Worker extends EventEmitter {
    readonly posted: unknown[] = [];
    terminated = 0;
    constructor(
      readonly script: unknown,
      readonly options: unknown,
    ) {
      super();
      made.push(this);
    }
    postMessage(m: unknown): void {
      this.posted.push(m);
    }
    terminate(): Promise<number> {
      this.terminated += 1;
      return Promise.resolve(1);
    }
  }
  return { Worker, made };
});

interface StandIn {
  readonly script: unknown;
  readonly options: unknown;
  readonly posted: unknown[];
  readonly terminated: number;
  emit(event: string, ...args: unknown[]): boolean;
}

const made = (threads as unknown as { made: StandIn[] }).made;
const cores = os.availableParallelism as jest.MockedFunction<typeof os.availableParallelism>;

const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 30);
const init: WorkerInit = { window, limits: DEFAULT_LIMITS };
const input: InputRecord = { source: 'cloudtrail/a.json', kind: 'cloudtrail', status: 'read', records: 0, sha256: '' };
const batch = new BatchBuilder(window, () => true).build();
const roots: string[] = [];

beforeEach(() => {
  made.length = 0;
  cores.mockReturnValue(4);
});
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A pool of `n` stand-in workers, started as the CLI starts it from the sources. */
function pool(n: number): { pool: ParsePool; workers: StandIn[] } {
  const p = ParsePool.start(n, init);
  if (p === undefined) throw new Error('no pool');
  return { pool: p, workers: made.slice() };
}

/** Which stand-in got each job, by index. */
const whoGot = (workers: StandIn[]) => workers.map((w) => w.posted.map((m) => (m as { path: string }).path));

/** Whether `p` has settled, and how (after the microtasks run). */
async function settled<T>(p: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  void p.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise<void>((resolve) => setImmediate(resolve));
  return state;
}

describe('how many workers', () => {
  test('as requested, within 0 and the number of files, whatever the size', () => {
    expect(workerCount(10, 5, 3)).toBe(3);
    expect(workerCount(10, 2, 3)).toBe(2);
    expect(workerCount(10, 5, -1)).toBe(0);
  });

  test('none below 4 MiB of files, one per core from 4 MiB on, no more than the files', () => {
    expect(PARALLEL_MIN_BYTES).toBe(4 * 1024 * 1024);
    expect(workerCount(PARALLEL_MIN_BYTES - 1, 10)).toBe(0);
    expect(workerCount(0, 10)).toBe(0);
    expect(workerCount(PARALLEL_MIN_BYTES, 10)).toBe(4);
    expect(workerCount(PARALLEL_MIN_BYTES + 1, 10)).toBe(4);
    expect(workerCount(PARALLEL_MIN_BYTES, 3)).toBe(3);
  });

  test('none on a single core; two cores give two', () => {
    cores.mockReturnValue(1);
    expect(workerCount(PARALLEL_MIN_BYTES * 4, 10)).toBe(0);
    cores.mockReturnValue(2);
    expect(workerCount(PARALLEL_MIN_BYTES * 4, 10)).toBe(2);
  });
});

describe('starting the pool', () => {
  test('from the sources: each worker runs parse-worker.ts through tsx, with the init and an 8 MB young generation', () => {
    const { workers } = pool(2);
    expect(workers).toHaveLength(2);
    const here = join(__dirname, '../../../checks/evidence');
    for (const w of workers) {
      expect(w.script).toBe(`require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(here, 'parse-worker.ts'))});`);
      expect(w.options).toStrictEqual({ eval: true, workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    }
  });

  test('the compiled worker beside the compiled module, when there is one', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'pool-'));
    roots.push(dir);
    writeFileSync(join(dir, 'cloudtrail-worker.cjs'), '');
    expect(ParsePool.start(1, init, { dir, file: join(dir, 'cli.js'), resolve: () => 'tsx' })).toBeInstanceOf(ParsePool);
    expect(made.map((w) => [w.script, w.options])).toStrictEqual([[join(dir, 'cloudtrail-worker.cjs'), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 8 } }]]);
  });

  test('no pool: no worker asked for, a compiled module without its worker, or sources without tsx', () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'pool-'));
    roots.push(dir);
    expect(ParsePool.start(0, init)).toBeUndefined();
    expect(ParsePool.start(2, init, { dir, file: join(dir, 'cli.js'), resolve: () => 'tsx' })).toBeUndefined();
    const noTsx = (id: string): string => {
      throw new Error(`Cannot find module '${id}'`);
    };
    expect(ParsePool.start(2, init, { dir, file: join(dir, 'parse-pool.ts'), resolve: noTsx })).toBeUndefined();
    expect(made).toHaveLength(0);
    // The same place with tsx found starts the workers.
    expect(ParsePool.start(1, init, { dir, file: join(dir, 'parse-pool.ts'), resolve: () => '/x/tsx.cjs' })).toBeInstanceOf(ParsePool);
    expect(made.map((w) => w.script)).toEqual([`require("/x/tsx.cjs"); require(${JSON.stringify(join(dir, 'parse-worker.ts'))});`]);
  });
});

describe('handing out files', () => {
  test('each job to the worker with the fewest unanswered, the first of equals; answered jobs no longer count', async () => {
    const { pool: p, workers } = pool(3);
    const a = p.parse('/e/a.json', 'a.json');
    p.parse('/e/b.json', 'b.json').catch(() => undefined);
    p.parse('/e/c.json', 'c.json').catch(() => undefined);
    p.parse('/e/d.json', 'd.json').catch(() => undefined);
    expect(workers[0].posted).toStrictEqual([{ id: 0, path: '/e/a.json', source: 'a.json' }, { id: 3, path: '/e/d.json', source: 'd.json' }]);
    expect(whoGot(workers)).toEqual([['/e/a.json', '/e/d.json'], ['/e/b.json'], ['/e/c.json']]);
    workers[0].emit('message', { id: 0, input, batch });
    await expect(a).resolves.toStrictEqual({ input, batch });
    // The first worker has one job left, as the others: the next goes to the first of them.
    p.parse('/e/e.json', 'e.json').catch(() => undefined);
    workers[0].emit('message', { id: 3, input, batch });
    p.parse('/e/f.json', 'f.json').catch(() => undefined);
    expect(whoGot(workers)).toEqual([['/e/a.json', '/e/d.json', '/e/e.json', '/e/f.json'], ['/e/b.json'], ['/e/c.json']]);
  });

  test('an answer for no job (already answered, or unknown) is ignored', async () => {
    const { pool: p, workers } = pool(2);
    const a = p.parse('/e/a.json', 'a.json');
    workers[0].emit('message', { id: 0, input, batch });
    await expect(a).resolves.toStrictEqual({ input, batch });
    expect(() => workers[0].emit('message', { id: 0, input, batch })).not.toThrow();
    expect(() => workers[0].emit('message', { id: 7, failed: 'Error' })).not.toThrow();
    // Not counted as answers: the first worker, with no job, still gets the next.
    p.parse('/e/b.json', 'b.json').catch(() => undefined);
    expect(whoGot(workers)).toEqual([['/e/a.json', '/e/b.json'], []]);
  });

  test('an answer without both the input record and the batch rejects, naming the worker\'s error', async () => {
    const { pool: p, workers } = pool(1);
    const jobs = ['failed', 'input', 'batch', 'nothing'].map((name) => p.parse(`/e/${name}.json`, `${name}.json`));
    workers[0].emit('message', { id: 0, failed: 'RangeError' });
    workers[0].emit('message', { id: 1, input });
    workers[0].emit('message', { id: 2, batch });
    workers[0].emit('message', { id: 3 });
    await expect(jobs[0]).rejects.toThrow(/^parsing worker failed \(RangeError\)$/);
    for (const j of jobs.slice(1)) await expect(j).rejects.toThrow(/^parsing worker failed \(error\)$/);
  });
});

describe('a worker that dies', () => {
  test('on exit, its unanswered jobs reject with the exit code; other workers\' jobs stay; no more jobs go to it', async () => {
    const { pool: p, workers } = pool(2);
    const a = p.parse('/e/a.json', 'a.json');
    const b = p.parse('/e/b.json', 'b.json');
    const c = p.parse('/e/c.json', 'c.json');
    const d = p.parse('/e/d.json', 'd.json');
    expect(whoGot(workers)).toEqual([['/e/a.json', '/e/c.json'], ['/e/b.json', '/e/d.json']]);
    workers[0].emit('message', { id: 0, input, batch });
    await expect(a).resolves.toStrictEqual({ input, batch });
    workers[0].emit('exit', 1);
    expect(await settled(c)).toBe('rejected');
    await expect(c).rejects.toThrow(/^parsing worker exited \(1\)$/);
    expect(await settled(b)).toBe('pending');
    // The dead worker had fewer jobs left than the live one: the next job still goes to the live one.
    p.parse('/e/e.json', 'e.json').catch(() => undefined);
    expect(whoGot(workers)).toEqual([['/e/a.json', '/e/c.json'], ['/e/b.json', '/e/d.json', '/e/e.json']]);
    workers[1].emit('message', { id: 1, input, batch });
    await expect(b).resolves.toStrictEqual({ input, batch });
    expect(await settled(d)).toBe('pending');
  });

  test('on an error, its unanswered jobs reject naming the error', async () => {
    const { pool: p, workers } = pool(2);
    const a = p.parse('/e/a.json', 'a.json');
    const b = p.parse('/e/b.json', 'b.json');
    workers[1].emit('error', new RangeError('out of memory'));
    expect(await settled(b)).toBe('rejected');
    await expect(b).rejects.toThrow(/^parsing worker failed \(RangeError\)$/);
    expect(await settled(a)).toBe('pending');
  });

  test('with every worker gone, a job rejects at once', async () => {
    const { pool: p, workers } = pool(2);
    workers[0].emit('exit', 0);
    workers[1].emit('error', new Error('gone'));
    const a = p.parse('/e/a.json', 'a.json');
    expect(await settled(a)).toBe('rejected');
    await expect(a).rejects.toThrow(/^no parsing worker left$/);
    expect(whoGot(workers)).toEqual([[], []]);
  });
});

test('closing terminates every worker', async () => {
  const { pool: p, workers } = pool(3);
  await p.close();
  expect(workers.map((w) => w.terminated)).toEqual([1, 1, 1]);
});
