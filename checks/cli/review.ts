import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigFile } from '../../lib/config/load';
import { dateInZone } from '../../lib/config/roster';
import type { CodingEnvConfig } from '../../lib/config/schema';
import type { EvidenceOptions, LoadedEvidence } from '../evidence/evidence-dir';
import { isPhiAccess, reviewWeek, worksheetFromEvents } from '../review/from-events';
import { signLogReview } from '../review/sign';
import { renderWorksheetHtml } from '../review/worksheet-html';
import { renderWorksheetMarkdown } from '../review/worksheet-markdown';
import type { AuditOptions } from './options';
import { UsageError } from './usage';

export interface ReviewOptions {
  readonly config: string;
  readonly source: AuditOptions['source'];
  readonly out: string;
  /** Last day (YYYY-MM-DD) of the reviewed week; default yesterday in the organisation's zone. */
  readonly weekEnding?: string;
  readonly sampleSize?: number;
  readonly seed?: string;
}

export interface SignOptions {
  readonly register: string;
  readonly reviewer: string;
  readonly sampled: number;
  readonly anomalies: number;
  readonly actions?: string;
  /** YYYY-MM-DD; default today in the organisation's zone (with --config) or UTC. */
  readonly on?: string;
  readonly config?: string;
}

type Load = (source: AuditOptions['source'], config: CodingEnvConfig, options: EvidenceOptions) => Promise<LoadedEvidence>;

/** `coding-env review`: the weekly audit-log review worksheet from the week's PHI data events. */
export async function writeReviewWorksheet(options: ReviewOptions, now: Date, load: Load, progress: (m: string) => void): Promise<string[]> {
  const config = loadConfigFile(options.config);
  const { week, window } = reviewWeek(now, config.organization.timezone, options.weekEnding);
  progress(`building the log-review worksheet for ${week.from} to ${week.to}`);
  const loaded = await load(options.source, config, { window, keep: isPhiAccess(config), progress });
  const events = loaded.model.events;
  // A worksheet over events that could not be read would look like a quiet week: refuse.
  if (!events.ok) throw new UsageError(`the week's CloudTrail events could not be read: ${events.error}`);
  const worksheet = worksheetFromEvents(events.value, config, week, { sampleSize: options.sampleSize, seed: options.seed });
  mkdirSync(options.out, { recursive: true });
  const files = [
    [join(options.out, 'worksheet.md'), renderWorksheetMarkdown(worksheet)],
    [join(options.out, 'worksheet.html'), renderWorksheetHtml(worksheet)],
  ] as const;
  for (const [file, text] of files) {
    writeFileSync(file, text);
    progress(`wrote ${file}`);
  }
  progress(`${worksheet.accessesInWeek} PHI accesses in the week; ${worksheet.sample.length} sampled; ${worksheet.afterHours.length + worksheet.outOfSpecialty.length} anomaly findings`);
  return files.map(([file]) => file);
}

/** `coding-env review sign`: records the documented review in the register (checklist item 4). */
export function signReview(options: SignOptions, now: Date): string {
  const zone = options.config === undefined ? 'UTC' : loadConfigFile(options.config).organization.timezone;
  const review = signLogReview(options.register, {
    reviewer: options.reviewer,
    recordsSampled: options.sampled,
    anomalies: options.anomalies,
    actions: options.actions,
    reviewedOn: options.on ?? dateInZone(now, zone),
  });
  return `${options.register}: recorded the log review of ${review.reviewedOn} by ${review.reviewer} (${review.recordsSampled} sampled, ${review.anomalies} anomalies)`;
}
