import type { S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { auditWindow, composeReport } from '../audit';
import { type Report, reportSchema } from '../report-model';
import { reportNotification } from '../report/notification';
import { type AccountPart, mergeOrganization } from '../report/organization-report';
import { REPORT_WRITERS } from '../report/writers';
import { describeAwsFailure } from '../collect/aws-failure';
import { accountReportPrefix, MEMBER_CHECKS, organizationReportEventSchema, organizationRunPrefix } from './organization-run';
import { readTextObject, writeTextObject } from './s3-objects';

export interface OrganizationReportDeps {
  readonly config: CodingEnvConfig;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly windowDays: number;
  readonly reportsBucket: string;
  /** Where the audit account's own reports are filed (`reports/`): its report is read from there. */
  readonly reportsPrefix: string;
  readonly organizationPrefix: string;
  readonly topicArn: string;
  /** The audit account: its own run's findings are its. */
  readonly homeAccount: string;
  readonly now?: () => Date;
  /** Account reports read at once. */
  readonly concurrency?: number;
}

export interface OrganizationReportResult {
  readonly location: string;
  readonly accounts: number;
  readonly findings: number;
  /** Every account listed and its report filed: false fails the execution (after the report is filed). */
  readonly complete: boolean;
}

/**
 * The organization's report: the audit account's report and each member account's, merged
 * (every finding with its account), filed under the run's folder, and a notification without
 * evidence. An account whose report is missing (its iteration failed, the Distributed Map
 * stopped) or unreadable is `error` in every check it runs, and the run is not complete.
 */
export async function writeOrganizationReport(event: unknown, deps: OrganizationReportDeps): Promise<OrganizationReportResult> {
  const input = organizationReportEventSchema.parse(event);
  const window = auditWindow(new Date(input.startedAt), deps.windowDays);
  const runPrefix = organizationRunPrefix(deps.organizationPrefix, window, deps.config.organization.timezone, input);

  const homePrefix = `s3://${deps.reportsBucket}/${deps.reportsPrefix}`;
  const home: AccountPart = input.home.startsWith(homePrefix) && input.home.endsWith('/')
    ? await readAccountReport(deps, deps.homeAccount, `${input.home.slice(`s3://${deps.reportsBucket}/`.length)}report.json`, 'the audit account’s report is not on file')
    : { account: deps.homeAccount, missing: `the audit account's report location ${JSON.stringify(input.home)} is not under ${homePrefix}` };

  const stopped = input.mapFailure ? `its run did not finish: the Distributed Map stopped (${input.mapFailure.Error ?? 'failed'})` : undefined;
  const accounts = input.listing?.accounts ?? [];
  // Stryker disable next-line ArrayDeclaration: every index below the length is assigned before the array is read; an array made empty grows to the same
  const members: AccountPart[] = new Array(accounts.length);
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const i = next;
      next += 1;
      const account = accounts[i];
      members[i] = await readAccountReport(deps, account, `${accountReportPrefix(runPrefix, account)}report.json`, stopped ?? 'no report was filed for the account');
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 8, accounts.length) }, worker));

  const listingError = input.listing === undefined ? `the organization's accounts could not be listed (${input.listingFailure?.Error ?? 'no account list reached the report step'})` : undefined;
  const merged = mergeOrganization({ home, members, memberChecks: MEMBER_CHECKS, notAudited: input.listing?.notAudited ?? [], ...(listingError ? { listingError } : {}) }, window);
  const homeReport = 'report' in home ? home.report : undefined;
  const base = composeReport({
    config: deps.config,
    window,
    generatedAt: (deps.now ?? (() => new Date()))(),
    // The checklist is the accounts' own, merged below; the register was read by each account's run.
    // Stryker disable next-line StringLiteral,ArrayDeclaration: a register not ok only errs the composed checklist, which the merged checklist replaces; its warnings are none either way
    register: { ok: false, source: 'organization', issues: [{ path: '', message: 'merged from the accounts’ reports' }] },
    findings: merged.findings,
    checks: merged.checks,
    inputs: merged.inputs,
    // Stryker disable next-line ObjectLiteral,BooleanLiteral,StringLiteral: with the register not ok every item errs before it reads evidence, and the composed checklist is replaced by the merged one
    evidence: { credentialReport: { ok: false, error: 'per account' }, authorization: { ok: false, error: 'per account' } },
    coverage: merged.coverage,
    auditor: {
      reportId: `organization-${input.mode}-${input.executionName}`,
      ...(homeReport?.scope ? { scope: { ...homeReport.scope, accounts: [deps.homeAccount, ...accounts].sort() } } : {}),
    },
  });
  const report: Report = { ...base, checklist: merged.checklist, ...(homeReport?.warnings ? { warnings: homeReport.warnings } : {}) };

  for (const writer of REPORT_WRITERS) await writeTextObject(deps.s3, deps.reportsBucket, `${runPrefix}${writer.fileName}`, writer.render(report), writer.contentType);
  const location = `s3://${deps.reportsBucket}/${runPrefix}`;
  const note = reportNotification(report, location, `${input.mode} organization`);
  await deps.sns.send(new PublishCommand({ TopicArn: deps.topicArn, Subject: note.subject, Message: note.message }));

  const complete = 'report' in home && members.every((m) => 'report' in m) && listingError === undefined && input.mapFailure === undefined;
  return { location, accounts: 1 + accounts.length, findings: report.findings.length, complete };
}

/** One account's filed report.json, or why it cannot be had (absent, unreadable, not a report). */
async function readAccountReport(deps: OrganizationReportDeps, account: string, key: string, whenAbsent: string): Promise<AccountPart> {
  let text: string | undefined;
  try {
    text = await readTextObject(deps.s3, deps.reportsBucket, key);
  } catch (err) {
    return { account, missing: `its report s3://${deps.reportsBucket}/${key} could not be read: ${describeAwsFailure(err)}` };
  }
  if (text === undefined) return { account, missing: whenAbsent };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { account, missing: `its report s3://${deps.reportsBucket}/${key} is not JSON` };
  }
  const parsed = reportSchema.safeParse(json);
  return parsed.success ? { account, report: parsed.data } : { account, missing: `its report s3://${deps.reportsBucket}/${key} is not a report` };
}
