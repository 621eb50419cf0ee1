import { Aws, Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { AuditAthena } from './audit-athena';

/**
 * A function that reads the trail's events through Athena runs up to Lambda's maximum, and its
 * queries get a budget well inside it: the rest is for the credential report, the integrity
 * probe's drift detection (at most 4 minutes) and the rules. A query still running when the
 * budget is spent is stopped and the check reports `error` (checks/handlers/athena-source.ts).
 */
export const ATHENA_CHECK_TIMEOUT = Duration.minutes(15);
export const ATHENA_QUERY_BUDGET = Duration.minutes(9);

export interface AthenaCheckReads {
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  /** Queries in the workgroup only, the table's Glue reads, the archive read, results written only under results/. */
  readonly statements: iam.PolicyStatement[];
}

/** What a check function that reads events needs to select them in Athena, and nothing more. */
export function athenaCheckReads(athena: AuditAthena): AthenaCheckReads {
  return {
    timeout: ATHENA_CHECK_TIMEOUT,
    environment: {
      TRAIL_ACCOUNT_ID: Aws.ACCOUNT_ID,
      ATHENA_BUDGET_SECONDS: String(ATHENA_QUERY_BUDGET.toSeconds()),
      ATHENA_BYTES_SCANNED_CUTOFF: String(athena.bytesScannedCutoffPerQuery),
    },
    statements: athena.queryStatements(),
  };
}
