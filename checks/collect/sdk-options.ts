/** Every SDK client of the audit: adaptive retries slow down on throttling instead of failing. */
export const SDK_OPTIONS = { retryMode: 'adaptive', maxAttempts: 8 } as const;
