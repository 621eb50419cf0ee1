import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { describeAwsFailure } from './aws-failure';
import { type Clock, realClock } from './clock';

/**
 * Generates the IAM credential report and fetches it, polling with backoff while AWS builds it
 * (STARTED / INPROGRESS, ReportInProgress, not ready), regenerating an expired one, and waiting
 * out throttled generation (LimitExceeded). A report that never completes, or that comes back
 * empty or not as CSV, is an error naming the state it was left in.
 */
export async function fetchCredentialReport(iam: IAMClient, clock: Clock = realClock, maxAttempts = 12): Promise<{ csv: string; bytes: Buffer }> {
  let delay = 1000;
  let last = 'no answer';
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    try {
      const generated = await iam.send(new GenerateCredentialReportCommand({}));
      last = `generation ${generated.State ?? 'state unknown'}`;
      if (generated.State === 'COMPLETE') {
        const report = await iam.send(new GetCredentialReportCommand({}));
        if (report.ReportFormat !== undefined && report.ReportFormat !== 'text/csv') throw new Error(`GetCredentialReport returned format ${JSON.stringify(report.ReportFormat)}, not text/csv`);
        const bytes = decodeContent(report.Content);
        return { csv: bytes.toString('utf8'), bytes };
      }
    } catch (err) {
      if (!isRetryable(err)) throw err;
      last = describeAwsFailure(err);
    }
    await clock.sleep(delay);
    delay = Math.min(delay * 2, 20_000);
  }
  throw new Error(`the credential report was not ready after ${maxAttempts} attempts (last: ${last})`);
}

const RETRYABLE = new Set([
  'LimitExceededException',
  'LimitExceeded',
  'ReportInProgress',
  'CredentialReportNotReadyException',
  'ReportNotPresent',
  'CredentialReportNotPresentException',
  // Older than four hours since generation: the next Generate call builds a fresh one.
  'CredentialReportExpiredException',
  'ReportExpired',
  'Throttling',
  'ThrottlingException',
]);
function isRetryable(err: unknown): boolean {
  const name = (err as { name?: string }).name ?? '';
  return RETRYABLE.has(name);
}

/** The SDK decodes the base64 blob to bytes; a string (some proxies) is still base64. Empty is not a report. */
function decodeContent(content: Uint8Array | string | undefined): Buffer {
  const bytes = content === undefined ? Buffer.alloc(0) : typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.from(content);
  if (bytes.length === 0) throw new Error('GetCredentialReport returned no content');
  return bytes;
}
