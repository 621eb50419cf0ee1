import type { Clock } from './clock';

/** Error codes AWS uses for throttling, across IAM, CloudTrail and S3. */
export const THROTTLED: ReadonlySet<string> = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'SlowDown', 'RequestLimitExceeded', 'RequestThrottled']);

/**
 * Retries a call that AWS throttles, with exponential backoff. The clients' adaptive retry mode
 * absorbs short bursts; this covers throttling that outlasts the SDK's own attempts.
 */
export async function retryThrottled<T>(call: () => Promise<T>, clock: Clock, attempts = 6): Promise<T> {
  let delay = 500;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= attempts || !THROTTLED.has((err as { name?: string }).name ?? '')) throw err;
      await clock.sleep(delay);
      delay = Math.min(delay * 2, 16_000);
    }
  }
}
