import { createHash } from 'node:crypto';
import type { Report } from '../report-model';
import { jsonWriter } from './json';

/**
 * The report's SHA-256: of report.json's bytes exactly as written. The JSON cannot hold its own
 * hash, so the pages that render it (HTML, Markdown, PDF) quote it for the sign-off: an officer
 * checks the signed page against the filed record with `sha256sum report.json`.
 */
export function reportSha256(report: Report): string {
  return createHash('sha256').update(jsonWriter.render(report)).digest('hex');
}
