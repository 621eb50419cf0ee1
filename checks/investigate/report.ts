import type { InputRecord } from '../report-model';
import type { Investigation } from './select';

/** investigation.json: the investigation, what was asked, and every CloudTrail input read (chain of custody). */
export interface InvestigationReport extends Investigation {
  readonly organization: string;
  readonly generatedAt: string;
  readonly tool: string;
  /** The CloudTrail inputs offered, with status, record count and SHA-256. */
  readonly inputs: InputRecord[];
}

export function renderInvestigationJson(report: InvestigationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
