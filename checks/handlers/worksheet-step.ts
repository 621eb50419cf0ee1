import type { S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { CodingEnvConfig } from '../../lib/config/schema';
import { summarizeProblems } from '../model/completeness';
import { collectAttestations, readRegisterObject } from '../collect/records';
import type { AttestationLog } from '../model/attestations';
import type { Register } from '../register/schema';
import type { InputRecord } from '../report-model';
import { isPhiAccess, reviewWeek, worksheetFromEvents } from '../review/from-events';
import { renderWorksheetHtml } from '../review/worksheet-html';
import { renderWorksheetMarkdown } from '../review/worksheet-markdown';
import { weekLine } from '../review/worksheet-text';
import { type DeployedSources, deployedTrailEvents } from './event-check';
import { writeTextObject } from './s3-objects';

export interface WorksheetStepDeps {
  readonly config: CodingEnvConfig;
  readonly sources: DeployedSources;
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly reportsBucket: string;
  readonly worksheetsPrefix: string;
  readonly topicArn: string;
  /** The register bucket: its watch list and the AI-attestation export beside it get their own sections. */
  readonly records?: { readonly bucket: string; readonly registerKey: string };
  readonly now?: () => Date;
}

/**
 * The weekly log-review worksheet for the seven days before today: filed beside the reports,
 * announced to the officers by counts only (the worksheet lists PHI keys; email must not).
 */
export async function writeWeeklyWorksheet(deps: WorksheetStepDeps): Promise<{ location: string; accesses: number; anomalies: number }> {
  const { timezone } = deps.config.organization;
  const now = (deps.now ?? (() => new Date()))();
  const { lastDay, week, window } = reviewWeek(now, timezone);
  // Stryker disable next-line ArrayDeclaration: the collectors record what they read here; the worksheet lists accesses, not inputs, and nothing reads this list back
  const inputs: InputRecord[] = [];
  const events = await deployedTrailEvents(deps.sources, window, inputs, isPhiAccess(deps.config));
  // Without all of the week's data events there is nothing honest to review (a worksheet missing
  // accesses would pass for a whole one): fail, the dead-letter alarm tells the officers.
  if (!events.ok) throw new Error(`the week's PHI data events could not be read: ${events.error}`);
  if (events.problems?.length) throw new Error(`the week's PHI data events could not be read whole: ${summarizeProblems(events.problems)}`);

  const extra = deps.records === undefined ? {} : await recordsFor(deps.s3, deps.records, inputs);
  const worksheet = worksheetFromEvents(events.value, deps.config, week, extra);
  const prefix = `${deps.worksheetsPrefix}week-ending-${lastDay}/`;
  await writeTextObject(deps.s3, deps.reportsBucket, `${prefix}worksheet.md`, renderWorksheetMarkdown(worksheet), 'text/markdown; charset=utf-8');
  await writeTextObject(deps.s3, deps.reportsBucket, `${prefix}worksheet.html`, renderWorksheetHtml(worksheet), 'text/html; charset=utf-8');

  const location = `s3://${deps.reportsBucket}/${prefix}`;
  const anomalies = worksheet.afterHours.length + worksheet.outOfSpecialty.length + worksheet.watchedRecords.length + worksheet.aiAttestation.length;
  await deps.sns.send(
    new PublishCommand({
      TopicArn: deps.topicArn,
      Subject: `Weekly audit-log review worksheet ready (${anomalies} anomaly finding(s))`,
      Message: [
        // The officers' local times, as the worksheet prints them, not UTC instants.
        `The audit-log review worksheet for ${deps.config.organization.name}, week ${weekLine(worksheet)}, is filed at ${location}`,
        `PHI accesses in the week: ${worksheet.accessesInWeek}. Anomaly findings to explain: ${anomalies}. Records to sample: ${worksheet.sample.length}.`,
        'Review it, then record the review with `coding-env review sign` (checklist item 4). The worksheet lists PHI: open it only from the AWS console.',
      ].join('\n'),
    }),
  );
  return { location, accesses: worksheet.accessesInWeek, anomalies };
}

/**
 * The watch list and the attestation export; either one unreadable is a failed run (the DLQ
 * alarm tells the officers), never a worksheet that silently leaves its section out.
 */
async function recordsFor(s3: S3Client, records: NonNullable<WorksheetStepDeps['records']>, inputs: InputRecord[]): Promise<{ register: Register; attestations: AttestationLog }> {
  const register = await readRegisterObject(s3, records.bucket, records.registerKey, inputs);
  // Stryker disable next-line StringLiteral: a register unusable as a whole carries one issue (readRegisterObject, parseRegister), so the join never separates two
  if (!register.ok) throw new Error(`the register could not be read: ${register.issues.map((i) => i.message).join('; ')}`);
  const attestations = await collectAttestations(s3, records.bucket, inputs);
  if (!attestations.ok) throw new Error(`the AI-attestation export could not be read: ${attestations.error}`);
  return { register: register.register, attestations: attestations.value };
}
