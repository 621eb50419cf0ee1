import { z } from 'zod';
import { dateInZone } from '../../lib/config/roster';
import { EVIDENCE_KINDS } from '../model/evidence-kinds';
import type { AuditWindow } from '../model/audit-model';
import { ALL_CHECKS } from '../rules/all-checks';
import type { CheckDefinition } from '../rules/context';

/**
 * What the organization run's three steps (list the accounts, audit one account, write the
 * organization's report) pass each other through the state machine, validated at each boundary.
 */

/**
 * Member accounts one run audits at most: the account list travels in the state machine's
 * payload (256 KiB), about 15 bytes an account, beside the rest of the run's state.
 */
export const MAX_ORGANIZATION_ACCOUNTS = 5_000;

const accountId = z.string().regex(/^\d{12}$/);
const executionName = z.string().regex(/^[\w-]{1,80}$/);
const mode = z.string().regex(/^[a-z-]{1,32}$/);

export const accountListingSchema = z.object({
  /** Active member accounts to audit (the audit account itself is the home run's). */
  accounts: z.array(accountId).max(MAX_ORGANIZATION_ACCOUNTS),
  /** Every account of the organization, the audit account included: trusting one of them is not trusting an outsider. */
  organization: z.array(accountId),
  /** Accounts that cannot be audited (suspended, closing), with their state. */
  notAudited: z.array(z.object({ account: accountId, state: z.string().max(40) })),
});
export type AccountListing = z.infer<typeof accountListingSchema>;

/** One iteration of the Distributed Map: the account and the run it belongs to. */
export const accountRunEventSchema = z.object({
  account: accountId,
  mode,
  executionName,
  startedAt: z.iso.datetime({ offset: true }),
  organization: z.array(accountId),
});
export type AccountRunEvent = z.infer<typeof accountRunEventSchema>;

/** What an iteration returns (small: the report itself is in S3). */
export interface AccountRunResult {
  readonly account: string;
  readonly location: string;
  readonly findings: number;
  readonly checksInError: number;
}

/** What the organization's report step receives. */
export const organizationReportEventSchema = z.object({
  mode,
  executionName,
  startedAt: z.iso.datetime({ offset: true }),
  /** Where the audit account's own report was filed (`s3://bucket/reports/.../`). */
  home: z.string().startsWith('s3://'),
  listing: accountListingSchema.optional(),
  /** The reader failed: no account is known. */
  listingFailure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
  /** The Distributed Map failed (an iteration failed, tolerance 0): accounts without a report are `error`. */
  mapFailure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});
export type OrganizationReportEvent = z.infer<typeof organizationReportEventSchema>;

/** `organization/<day>/<mode>-<execution>/`: the run's folder; accounts' reports under `accounts/<id>/`. */
export function organizationRunPrefix(prefix: string, window: AuditWindow, timezone: string, run: { mode: string; executionName: string }): string {
  return `${prefix}${dateInZone(window.to, timezone)}/${run.mode}-${run.executionName}/`;
}

export function accountReportPrefix(runPrefix: string, account: string): string {
  return `${runPrefix}accounts/${account}/`;
}

/**
 * The checks run in each member account: those reading an account's own evidence (its IAM
 * users, its events). The organization-wide ones (the AI-attestation export, the register's
 * incidents) run once, in the audit account's run.
 */
export const MEMBER_CHECKS: readonly CheckDefinition[] = ALL_CHECKS.filter((c) => c.needs.some((k) => EVIDENCE_KINDS[k].perAccount === true));
