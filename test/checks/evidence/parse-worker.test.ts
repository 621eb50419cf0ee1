import { join } from 'node:path';
import { loadConfigFile } from '../../../lib/config/load';
import { auditWindow } from '../../../checks/audit';
import { readTrailFile } from '../../../checks/evidence/cloudtrail-file';
import { BatchBuilder, type EventBatch, transferables } from '../../../checks/evidence/event-batch';
import { type JobPort, serve, type WorkerInit, type WorkerJob } from '../../../checks/evidence/parse-worker';
import { DEFAULT_LIMITS } from '../../../checks/evidence/read-limits';
import type { AuditWindow } from '../../../checks/model/audit-model';
import type { AuditEvent } from '../../../checks/model/events';
import { relevantEvents } from '../../../checks/rules/relevance';

/**
 * A parsing worker's answers, in this thread: serve() with a stand-in for the worker's parent
 * port, sent jobs as the pool sends them. parallel-parse.test.ts runs the real workers.
 */

const DAY = 'test/fixtures/evidence/example/cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/12';
const FILE = '111122223333_CloudTrail_us-east-1_20261112T1525Z_Tx9pL4mN2bQw8eRs.json.gz';
const config = loadConfigFile('config/coding-env.json');
const window = auditWindow(new Date('2026-11-20T12:00:00Z'), 30);

/**
 * A port that delivers `job`; what the worker posts back, and the transfer list. The fixture is
 * small and read with synchronous I/O: a worker that has not answered once the event loop has
 * turned a hundred times never will ('no answer', rather than a test left waiting).
 */
async function answer(init: WorkerInit, job: WorkerJob): Promise<{ message: unknown; transfer: readonly ArrayBuffer[] | undefined }[] | 'no answer'> {
  const listeners: { event: string; listener: (job: WorkerJob) => void }[] = [];
  const posted: { message: unknown; transfer: readonly ArrayBuffer[] | undefined }[] = [];
  const port: JobPort = {
    on: (event, listener) => listeners.push({ event, listener }),
    postMessage: (message, transfer) => posted.push({ message, transfer }),
  };
  serve(port, init);
  for (const l of listeners) if (l.event === 'message') l.listener(job);
  for (let turn = 0; turn < 100 && posted.length === 0; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  return posted.length === 0 ? 'no answer' : posted;
}

/** The file read in this thread, keeping what `keep` keeps. */
async function here(keep: (e: AuditEvent) => boolean, source: string): Promise<{ input: unknown; batch: EventBatch }> {
  const builder = new BatchBuilder(window, keep);
  const input = await readTrailFile(join(DAY, FILE), source, builder, DEFAULT_LIMITS);
  return { input, batch: builder.build() };
}

const job = (id: number): WorkerJob => ({ id, path: join(DAY, FILE), source: `cloudtrail/${FILE}` });
const keptEvents = (batch: EventBatch) => Array.from(batch.kept).filter((k) => k >= 0).length;

describe('a parsing worker', () => {
  test('without a filter: every event of the file is kept, posted back with its input record and the batch\'s buffers to transfer', async () => {
    const got = await answer({ window, limits: DEFAULT_LIMITS }, job(7));
    const expected = await here(() => true, `cloudtrail/${FILE}`);
    expect(got).toStrictEqual([{ message: { id: 7, ...expected }, transfer: transferables(expected.batch) }]);
    expect(expected.input).toMatchObject({ status: 'read', records: expected.batch.count });
    expect(keptEvents(expected.batch)).toBe(expected.batch.count);
    expect(expected.batch.count).toBeGreaterThan(0);
  });

  test('with the audit\'s filter: the events it keeps, as this thread keeps them', async () => {
    const got = await answer({ window, limits: DEFAULT_LIMITS, filter: { kind: 'audit', config, watchList: [] } }, job(3));
    const expected = await here(relevantEvents(config, []), `cloudtrail/${FILE}`);
    expect(got).toStrictEqual([{ message: { id: 3, ...expected }, transfer: transferables(expected.batch) }]);
    // The filter drops some of the file's events.
    expect(keptEvents(expected.batch)).toBeLessThan(expected.batch.count);
  });

  test('a read that fails posts back the error\'s name, nothing of the file', async () => {
    // Dates that did not survive as dates: every record in the file fails to be windowed.
    const broken = { from: '2026-10-21', to: '2026-11-20', days: 30 } as unknown as AuditWindow;
    const got = await answer({ window: broken, limits: DEFAULT_LIMITS }, job(5));
    expect(got).toStrictEqual([{ message: { id: 5, failed: 'TypeError' }, transfer: undefined }]);
  });

  test('outside a worker (no parent port), loading it does nothing', () => {
    expect(() => serve(null, null as unknown as WorkerInit)).not.toThrow();
  });
});
