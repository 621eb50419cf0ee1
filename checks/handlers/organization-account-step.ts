import type { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { auditWindow, composeReport } from '../audit';
import type { AwsClients } from '../collect/clients';
import { describeAwsFailure } from '../collect/aws-failure';
import type { Clock } from '../collect/clock';
import { collectLive } from '../collect/live';
import { readRegisterObject } from '../collect/records';
import { runChecks } from '../engine';
import type { AuditModel, Evidence } from '../model/audit-model';
import { registerEvidence } from '../register/load';
import type { InputRecord } from '../report-model';
import { auditScope } from '../report/scope';
import { REPORT_WRITERS } from '../report/writers';
import { relevantEvents } from '../rules/relevance';
import { accountReportPrefix, type AccountRunResult, accountRunEventSchema, MEMBER_CHECKS, organizationRunPrefix } from './organization-run';
import { writeTextObject } from './s3-objects';

export interface AccountStepDeps {
  readonly config: CodingEnvConfig;
  /** The audit account's own STS: assumes the member role. */
  readonly sts: STSClient;
  /** The audit account's own S3: the register in, the account's report out. */
  readonly s3: S3Client;
  /** Clients signed with the member role's credentials. */
  readonly memberClients: (credentials: AwsCredentialIdentity) => AwsClients;
  /** The member role's ARN in an account. */
  readonly memberRoleArn: (account: string) => string;
  /** Regions whose management events are read in each account. */
  readonly regions: readonly string[];
  readonly windowDays: number;
  readonly registerBucket: string;
  readonly registerKey: string;
  readonly reportsBucket: string;
  /** `organization/`: the run's folder is under it. */
  readonly organizationPrefix: string;
  readonly configSha256: string;
  readonly runBy: string;
  readonly now?: () => Date;
  readonly clock?: Clock;
}

/** Session length: the per-account function runs at most 15 minutes. */
const SESSION_SECONDS = 3600;

/**
 * One iteration of the organization run: assume the account's member audit role, read its IAM
 * reports and events the way `coding-env audit --live` does, run the checks that read an
 * account's own evidence, and file the account's report (JSON, Markdown, HTML, OCSF) under the
 * run's `accounts/<id>/`. An account that cannot be read (the role missing or refusing, a read
 * denied) is a report whose checks are `error`, naming why, never an account left out. Only
 * filing the report can fail the iteration, and then the Distributed Map fails the run.
 */
export async function auditMemberAccount(event: unknown, deps: AccountStepDeps): Promise<AccountRunResult> {
  const run = accountRunEventSchema.parse(event);
  const { config } = deps;
  const window = auditWindow(new Date(run.startedAt), deps.windowDays);
  const inputs: InputRecord[] = [];

  const register = await readRegisterObject(deps.s3, deps.registerBucket, deps.registerKey, inputs);
  const roleArn = deps.memberRoleArn(run.account);
  const credentials = await assumeMemberRole(deps.sts, roleArn, run, inputs);
  let model: AuditModel;
  if (credentials.ok) {
    const live = await collectLive({ config, window, keep: relevantEvents(config), regions: deps.regions, clients: deps.memberClients(credentials.value), ...(deps.clock ? { clock: deps.clock } : {}) });
    inputs.push(...live.inputs);
    model = live.model;
  } else {
    const unread: Evidence<never> = { ok: false, error: `account ${run.account}: ${credentials.error}` };
    model = { credentialReport: unread, authorization: unread, events: unread };
  }

  const result = runChecks({ ...model, register: registerEvidence(register) }, config, window, inputs, MEMBER_CHECKS);
  const findings = result.findings.map((f) => ({ ...f, account: run.account }));
  const coverage = { ...result.coverage, gaps: result.coverage.gaps.map((g) => ({ ...g, account: run.account })) };
  const registerSha256 = inputs.find((i) => i.kind === 'register' && i.status === 'read')?.sha256 ?? null;
  const scope = { ...auditScope({ source: 'scheduled', model, inputs, runBy: { kind: 'lambda', identity: deps.runBy }, configSha256: deps.configSha256, registerSha256 }), accounts: [run.account] };
  const report = composeReport({
    config,
    window,
    generatedAt: (deps.now ?? (() => new Date()))(),
    register,
    findings,
    checks: result.checks,
    inputs,
    // The member role trusts the audit account, and roles may trust other accounts of the organization: not outsiders.
    evidence: { ...result.evidence, accounts: run.organization },
    coverage,
    auditor: { scope, reportId: `${run.mode}-${run.executionName}-${run.account}` },
  });

  const prefix = accountReportPrefix(organizationRunPrefix(deps.organizationPrefix, window, config.organization.timezone, run), run.account);
  for (const writer of REPORT_WRITERS) await writeTextObject(deps.s3, deps.reportsBucket, `${prefix}${writer.fileName}`, writer.render(report), writer.contentType);
  return {
    account: run.account,
    location: `s3://${deps.reportsBucket}/${prefix}`,
    findings: report.findings.length,
    checksInError: report.checks.filter((c) => c.status === 'error').length,
  };
}

/** The member role's temporary credentials, or why not (listed as the account's input). */
async function assumeMemberRole(sts: STSClient, roleArn: string, run: { account: string; executionName: string }, inputs: InputRecord[]): Promise<Evidence<AwsCredentialIdentity>> {
  const source = `api:sts:AssumeRole:${roleArn}`;
  try {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: `coding-env-audit-${run.executionName}`.slice(0, 64), DurationSeconds: SESSION_SECONDS }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw Object.assign(new Error('AssumeRole returned no credentials'), { name: 'NoCredentials' });
    inputs.push({ source, kind: 'account', status: 'read', records: 1, sha256: '' });
    return { ok: true, value: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, ...(c.Expiration ? { expiration: c.Expiration } : {}) } };
  } catch (err) {
    const problem = `the member audit role could not be assumed (${describeAwsFailure(err)}): is the StackSet instance deployed in this account?`;
    inputs.push({ source, kind: 'account', status: 'skipped', records: 0, sha256: '', problem });
    return { ok: false, error: problem };
  }
}
