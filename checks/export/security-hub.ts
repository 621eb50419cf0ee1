import { BatchImportFindingsCommand, type AwsSecurityFinding, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { Report } from '../report-model';
import { type SecurityHubTarget, toAsff } from '../report/asff';

/**
 * Opt-in import of a report's findings into AWS Security Hub (`BatchImportFindings`), in batches
 * of 100 (the API's limit). Idempotent: each finding keeps its id, so importing the same report
 * again updates the same Security Hub findings instead of adding copies. Nothing is hidden: a
 * finding Security Hub refused, and every finding of a batch whose call failed, is returned
 * with the reason, for the caller to report.
 */
export const BATCH_SIZE = 100;

export interface ImportFailure {
  readonly id: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportResult {
  readonly attempted: number;
  readonly imported: number;
  readonly failed: ImportFailure[];
}

export async function importFindings(client: SecurityHubClient, report: Report, target: SecurityHubTarget): Promise<ImportResult> {
  return importAsff(client, toAsff(report, target));
}

export async function importAsff(client: SecurityHubClient, findings: readonly AwsSecurityFinding[]): Promise<ImportResult> {
  let imported = 0;
  const failed: ImportFailure[] = [];
  for (let start = 0; start < findings.length; start += BATCH_SIZE) {
    const batch = findings.slice(start, start + BATCH_SIZE);
    try {
      const out = await client.send(new BatchImportFindingsCommand({ Findings: [...batch] }));
      const refused = out.FailedFindings ?? [];
      for (const r of refused) failed.push({ id: r.Id ?? '(no id)', code: r.ErrorCode ?? 'unknown', message: r.ErrorMessage ?? '' });
      // FailedCount without details would be a silent loss: count the missing ones as failed too.
      const unexplained = (out.FailedCount ?? 0) - refused.length;
      if (unexplained > 0) failed.push({ id: `(${unexplained} of batch ${start / BATCH_SIZE + 1})`, code: 'unknown', message: 'Security Hub counted failures it did not list' });
      imported += out.SuccessCount ?? batch.length - (out.FailedCount ?? 0);
    } catch (err) {
      const e = err as { name?: string; message?: string };
      for (const f of batch) failed.push({ id: f.Id ?? '(no id)', code: e.name ?? 'Error', message: e.message ?? String(err) });
    }
  }
  return { attempted: findings.length, imported, failed };
}

/** One line for a log or a notification: counts and, for failures, ids and error codes (no evidence). */
export function describeImport(result: ImportResult): string {
  const head = `Security Hub: ${result.imported} of ${result.attempted} findings imported`;
  if (result.failed.length === 0) return head;
  const codes = [...new Set(result.failed.map((f) => f.code))].join(', ');
  return `${head}; ${result.failed.length} failed (${codes})`;
}
