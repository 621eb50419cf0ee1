import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../checks/cli/main';
import { type Report, reportSchema } from '../../../checks/report-model';
import { ALL_CHECKS } from '../../../checks/rules/all-checks';
import { itemsOf, needing } from '../affected';

/**
 * Damaged copies of the example evidence, audited through the CLI in-process (`main`, the
 * same function bin/coding-env runs), so each fault is judged by exit code and report.json.
 */

export const EXAMPLE = 'test/fixtures/evidence/example';
export const AS_OF = '2026-11-20T12:00:00Z';
export const TRAIL = 'cloudtrail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11';
export const MGARCIA_FILE = `${TRAIL}/12/111122223333_CloudTrail_us-east-1_20261112T1525Z_Tx9pL4mN2bQw8eRs.json.gz`;
export const CI_FILE = `${TRAIL}/13/111122223333_CloudTrail_us-east-1_20261113T1025Z_Kc3vB7nM1xZq5wEr.json.gz`;
export const LOOKUP_PAGE = 'cloudtrail/lookup-events/us-east-1-page-1.json';

/** Every check, and the checklist items that read each kind of evidence (directly or through a check). */
export const CHECKS = ALL_CHECKS.map((c) => c.check);
export const AFFECTED = {
  cloudtrail: { checks: needing('events'), items: itemsOf(needing('events'), []) },
  credentialReport: { checks: needing('credentialReport'), items: itemsOf(needing('credentialReport'), [5]) },
  authorization: { checks: needing('authorization'), items: itemsOf(needing('authorization'), [2]) },
};
export type EvidenceKind = keyof typeof AFFECTED;

export interface AuditRun {
  readonly code: number;
  readonly report: Report;
  readonly stderr: string;
}

const roots: string[] = [];

/** A fresh copy of the example evidence, damaged by `damage`; removed after the test file. */
export function damagedCopy(damage: (dir: string) => void = () => undefined): string {
  const root = mkdtempSync(join(tmpdir(), 'fault-'));
  roots.push(root);
  const dir = join(root, 'evidence');
  cpSync(EXAMPLE, dir, { recursive: true });
  damage(dir);
  return dir;
}

export function cleanUp(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export async function audit(evidence: string, extra: string[] = []): Promise<AuditRun> {
  const out = mkdtempSync(join(tmpdir(), 'fault-out-'));
  roots.push(out);
  let stderr = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const args = ['audit', '--config', 'config/coding-env.json', '--evidence', evidence, '--register', 'test/fixtures/register/example.json', '--as-of', AS_OF, '--out', out];
    // `extra` adds flags or replaces the value of one already given.
    for (let i = 0; i < extra.length; i += 1) {
      const at = extra[i].startsWith('--') ? args.indexOf(extra[i]) : -1;
      if (at >= 0 && i + 1 < extra.length && !extra[i + 1].startsWith('--')) {
        args[at + 1] = extra[i + 1];
        i += 1;
      } else args.push(extra[i]);
    }
    const code = await main(args);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
    return { code, report, stderr };
  } finally {
    spy.mockRestore();
  }
}

export const statusOf = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.check, c.status]));
export const findingKeys = (report: Report) => report.findings.map((f) => `${f.rule}:${f.principal}`).sort();

export function readGz(dir: string, file: string): Buffer {
  return readFileSync(join(dir, file));
}
