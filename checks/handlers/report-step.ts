import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { z } from 'zod';
import { dateInZone } from '../../lib/config/roster';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { auditWindow, composeReport } from '../audit';
import { gatherResults } from '../check-results';
import { collectAuthorization, collectCredentialReport } from '../collect/iam-evidence';
import { describeImport, importFindings, type ImportResult } from '../export/security-hub';
import type { SecurityHubTarget } from '../report/asff';
import { parseRegister, type RegisterResult } from '../register/load';
import { parseJson } from '../evidence/evidence-dir';
import { escalation } from '../report/escalation';
import { reportNotification } from '../report/notification';
import { REPORT_WRITERS } from '../report/writers';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { PdfRenderer } from '../report/pdf';
import { auditScope, sha256Hex } from '../report/scope';
import { lastFiledReport } from './previous-report';
import { readTextObject, writeTextObject } from './s3-objects';

/** What the state machine hands the report step. */
const reportEventSchema = z.object({
  mode: z.string().regex(/^[a-z-]{1,32}$/),
  results: z.array(z.unknown()),
  executionName: z.string().regex(/^[\w-]{1,80}$/),
  startedAt: z.iso.datetime({ offset: true }),
});

export interface ReportStepDeps {
  readonly config: CodingEnvConfig;
  readonly iam: IAMClient;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly windowDays: number;
  readonly registerBucket: string;
  readonly registerKey: string;
  readonly reportsBucket: string;
  readonly reportsPrefix: string;
  readonly topicArn: string;
  readonly now?: () => Date;
  /** Opt-in (`-c securityHubImport=true` at synth): also import the findings into Security Hub. */
  readonly securityHub?: { readonly client: SecurityHubClient; readonly target: SecurityHubTarget };
  /** Prints report.pdf; the handler passes the Chromium layer's renderer. */
  readonly renderPdf: PdfRenderer;
  /** SHA-256 of the config bundled with the function, for the report's scope. */
  readonly configSha256: string;
  /** Who runs the report, for the scope: the function's name. */
  readonly runBy: string;
}

export interface ReportStepResult {
  readonly location: string;
  readonly files: string[];
  readonly findings: number;
  readonly checklist: Record<'pass' | 'fail' | 'error', number>;
  /** Present when the Security Hub import is on: counts and every refused finding's id and code. */
  readonly securityHub?: ImportResult;
}

/**
 * The report step: every check's result (a failed one as `error`), the checklist from the
 * register, the report files under the reports prefix, and a notification without evidence.
 */
export async function writeScheduledReport(event: unknown, deps: ReportStepDeps): Promise<ReportStepResult> {
  const input = reportEventSchema.parse(event);
  const { findings, checks, inputs, coverage } = gatherResults(input.results);
  const window = auditWindow(new Date(input.startedAt), deps.windowDays);

  const { register, registerSha256 } = await readRegister(deps);
  const filed = await lastFiledReport(deps.s3, deps.reportsBucket, deps.reportsPrefix).catch((err: Error) => ({ previous: undefined, note: `cannot read earlier reports: ${err.name}` }));
  if (filed.note) console.log(`report: no comparison with an earlier report (${filed.note})`);
  const scope = auditScope({ source: 'scheduled', inputs, runBy: { kind: 'lambda', identity: deps.runBy }, configSha256: deps.configSha256, registerSha256 });
  const evidence = {
    credentialReport: await collectCredentialReport(deps.iam, inputs),
    authorization: await collectAuthorization(deps.iam, inputs),
  };
  const report = composeReport({
    config: deps.config,
    window,
    generatedAt: (deps.now ?? (() => new Date()))(),
    register,
    findings,
    checks,
    inputs,
    evidence,
    coverage,
    auditor: { scope, reportId: `${input.mode}-${input.executionName}`, previous: filed.previous ? [filed.previous] : [] },
  });

  const day = dateInZone(window.to, deps.config.organization.timezone);
  const prefix = `${deps.reportsPrefix}${day}/${input.mode}-${input.executionName}/`;
  const files: string[] = [];
  for (const writer of REPORT_WRITERS) {
    await writeTextObject(deps.s3, deps.reportsBucket, `${prefix}${writer.fileName}`, writer.render(report), writer.contentType);
    files.push(writer.fileName);
  }
  // Last, so a browser failure still leaves the JSON, Markdown and HTML filed; the step fails and alarms.
  const pdf = await deps.renderPdf(report);
  await deps.s3.send(new PutObjectCommand({ Bucket: deps.reportsBucket, Key: `${prefix}report.pdf`, Body: pdf, ContentType: 'application/pdf', ChecksumAlgorithm: 'SHA256' }));
  files.push('report.pdf');
  const location = `s3://${deps.reportsBucket}/${prefix}`;
  const urgent = escalation(report, filed.previous?.report, location);
  if (urgent) await deps.sns.send(new PublishCommand({ TopicArn: deps.topicArn, Subject: urgent.subject, Message: urgent.message }));
  // After the files are filed: an import that fails is reported (result, log, notification), the report stands.
  const imported = deps.securityHub ? await importFindings(deps.securityHub.client, report, deps.securityHub.target) : undefined;
  if (imported && imported.failed.length > 0) console.error(JSON.stringify({ securityHub: describeImport(imported), failed: imported.failed.map((f) => ({ id: f.id, code: f.code })) }));
  const note = reportNotification(report, location, input.mode);
  const message = imported ? `${note.message}\n${describeImport(imported)}` : note.message;
  await deps.sns.send(new PublishCommand({ TopicArn: deps.topicArn, Subject: note.subject, Message: message }));

  const count = (s: 'pass' | 'fail' | 'error') => report.checklist.filter((i) => i.status === s).length;
  return { location, files, findings: report.findings.length, checklist: { pass: count('pass'), fail: count('fail'), error: count('error') }, ...(imported ? { securityHub: imported } : {}) };
}

async function readRegister(deps: ReportStepDeps): Promise<{ register: RegisterResult; registerSha256: string | null }> {
  const source = `s3://${deps.registerBucket}/${deps.registerKey}`;
  try {
    const text = await readTextObject(deps.s3, deps.registerBucket, deps.registerKey);
    if (text === undefined) return { register: { ok: false, source, issues: [{ path: '', message: 'no register on file: upload register.json (see the README)' }] }, registerSha256: null };
    // parseJson: V8's JSON.parse message would quote the register (a watched patient's id) into the report.
    return { register: parseRegister(parseJson(text), source), registerSha256: sha256Hex(text) };
  } catch (err) {
    return { register: { ok: false, source, issues: [{ path: '', message: `cannot be read: ${(err as Error).message}` }] }, registerSha256: null };
  }
}
