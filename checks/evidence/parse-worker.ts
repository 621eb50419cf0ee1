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

/** A worker's end of its channel to the pool (parentPort in a worker). */
export interface JobPort {
  on(event: 'message', listener: (job: WorkerJob) => void): unknown;
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
}

/** Answers each job `port` sends with the file's input record and batch, or the name of the error reading it. No port (outside a worker): nothing. */
export function serve(port: JobPort | null, init: WorkerInit): void {
  if (port === null) return;
  const keep: (e: AuditEvent) => boolean = init.filter ? eventFilter(init.filter) : () => true;
  port.on('message', (job: WorkerJob) => {
    const builder = new BatchBuilder(init.window, keep);
    readTrailFile(job.path, job.source, builder, init.limits).then(
      (input) => {
        const batch = builder.build();
        port.postMessage({ id: job.id, input, batch }, transferables(batch));
      },
      (err: Error) => port.postMessage({ id: job.id, failed: err.name }),
    );
  });
}

serve(parentPort, workerData as WorkerInit);
