import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { type Clock, realClock } from './clock';

/**
 * Generates the IAM credential report and fetches it, polling with backoff while AWS builds it
 * (STARTED / INPROGRESS, ReportInProgress) or throttles generation (LimitExceeded).
 */
export async function fetchCredentialReport(iam: IAMClient, clock: Clock = realClock, maxAttempts = 12): Promise<{ csv: string; bytes: Buffer }> {
  let delay = 1000;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    try {
      const generated = await iam.send(new GenerateCredentialReportCommand({}));
      if (generated.State === 'COMPLETE') {
        const report = await iam.send(new GetCredentialReportCommand({}));
        const bytes = decodeContent(report.Content);
        return { csv: bytes.toString('utf8'), bytes };
      }
    } catch (err) {
      if (!isRetryable(err)) throw err;
    }
    await clock.sleep(delay);
    delay = Math.min(delay * 2, 20_000);
  }
  throw new Error(`the credential report was not ready after ${maxAttempts} attempts`);
}

const RETRYABLE = new Set(['LimitExceededException', 'LimitExceeded', 'ReportInProgress', 'CredentialReportNotReadyException', 'ReportNotPresent', 'CredentialReportNotPresentException']);
function isRetryable(err: unknown): boolean {
  const name = (err as { name?: string }).name ?? '';
  return RETRYABLE.has(name);
}

/** The SDK decodes the base64 blob to bytes; a string (some proxies) is still base64. */
function decodeContent(content: Uint8Array | string | undefined): Buffer {
  if (content === undefined) throw new Error('GetCredentialReport returned no content');
  return typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.from(content);
}
