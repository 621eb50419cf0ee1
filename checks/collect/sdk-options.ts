/**
 * Every SDK client of the audit: adaptive retries slow down on throttling instead of failing;
 * a connection that cannot be made in 10 s, or a socket idle for 60 s (a body that stops
 * arriving), fails with TimeoutError, so a stalled server is an unreadable input, never a hang.
 */
export const SDK_OPTIONS = { retryMode: 'adaptive', maxAttempts: 8, requestHandler: { connectionTimeout: 10_000, socketTimeout: 60_000 } } as const;
