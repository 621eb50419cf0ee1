import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Report } from '../../../checks/report-model';
import { AS_OF, cleanUp, damagedCopy, TRAIL } from './fault-kit';

/**
 * Memory stays bounded: the audit runs in a Node whose heap is capped far below the size of the
 * evidence it reads (the Lambdas have 1 GB; a buffered 2.6 GB gzip bomb took the old loader
 * past it). A loader that held a whole file would die here instead of writing its report.
 */
afterAll(cleanUp);

const HEAP_MB = 96;

function auditCapped(evidence: string): { code: number | null; report?: Report; stderr: string } {
  const out = join(evidence, '..', 'out');
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, 'bin/coding-env.js', 'audit', '--config', 'config/coding-env.json', '--evidence', evidence, '--register', 'test/fixtures/register/example.json', '--as-of', AS_OF, '--out', out], { encoding: 'utf8' });
  let report: Report | undefined;
  try {
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  } catch {
    report = undefined;
  }
  return { code: r.status, report, stderr: r.stderr };
}

describe('memory bound', () => {
  test(`a 140 MB JSON Lines file streams through a ${HEAP_MB} MB heap, every record read`, () => {
    const evidence = damagedCopy((d) => {
      const line = `${JSON.stringify({ eventVersion: '1.09', eventID: 'aaaaaaaa-0001-4c1e-9a1b-0000000000aa', eventTime: '2026-11-15T14:00:00Z', eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', userIdentity: { type: 'AWSService', invokedBy: 'lambda.amazonaws.com' }, sourceIPAddress: 'lambda.amazonaws.com', userAgent: 'x'.repeat(2000), recipientAccountId: '111122223333' })}\n`;
      mkdirSync(join(d, `${TRAIL}/15`), { recursive: true });
      const fd = openSync(join(d, `${TRAIL}/15/siem-export.jsonl`), 'w');
      const block = line.repeat(1000);
      for (let i = 0; i < 70; i += 1) writeSync(fd, block);
      closeSync(fd);
    });
    const run = auditCapped(evidence);
    expect(run.stderr).not.toMatch(/heap out of memory/);
    expect(run.code).toBe(0);
    expect(run.report?.inputs.find((i) => i.source.endsWith('siem-export.jsonl'))).toMatchObject({ status: 'read', records: 70_000 });
  }, 120000);

  test(`a gzip bomb is refused within a ${HEAP_MB} MB heap; the rest is audited`, () => {
    const evidence = damagedCopy((d) => {
      mkdirSync(join(d, `${TRAIL}/15`), { recursive: true });
      const fd = openSync(join(d, `${TRAIL}/15/bomb.json.gz`), 'w');
      writeSync(fd, gzipSync(Buffer.concat([Buffer.from('{"Records":['), Buffer.alloc(200 * 1024 * 1024, ' '), Buffer.from(']}')]), { level: 1 }));
      closeSync(fd);
    });
    const run = auditCapped(evidence);
    expect(run.stderr).not.toMatch(/heap out of memory/);
    expect(run.code).toBe(4);
    expect(run.report?.inputs.find((i) => i.source.endsWith('bomb.json.gz'))).toMatchObject({ status: 'refused' });
    expect(run.report?.findings.length).toBeGreaterThan(0);
  }, 120000);
});
