import { parentPort, workerData } from 'node:worker_threads';
import type { AuditWindow } from '../model/audit-model';
import type { AuditEvent } from '../model/events';
import { readTrailFile } from './cloudtrail-file';
import { BatchBuilder, transferables } from './event-batch';
import { eventFilter, type EventFilterSpec } from './event-filter';
import type { ReadLimits } from './read-limits';

/**
 * A parsing worker (parse-pool.ts): reads the CloudTrail files it is sent, each into a batch
 * of digested events, and posts back the file's input record and batch. It holds nothing
 * between files.
 */
export interface WorkerInit {
  readonly window: AuditWindow;
  readonly limits: ReadLimits;
  /** Absent: every event is kept. */
  readonly filter?: EventFilterSpec;
}

export interface WorkerJob {
  readonly id: number;
  readonly path: string;
  readonly source: string;
}

const init = workerData as WorkerInit;
const keep: (e: AuditEvent) => boolean = init.filter ? eventFilter(init.filter) : () => true;
const port = parentPort;

port?.on('message', (job: WorkerJob) => {
  const builder = new BatchBuilder(init.window, keep);
  readTrailFile(job.path, job.source, builder, init.limits).then(
    (input) => {
      const batch = builder.build();
      port.postMessage({ id: job.id, input, batch }, transferables(batch));
    },
    (err: Error) => port.postMessage({ id: job.id, failed: err.name }),
  );
});
