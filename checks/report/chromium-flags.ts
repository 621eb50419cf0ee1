/**
 * Headless, quiet and offline: no sync, updates or background requests (the machine may have no
 * network, and a background request could change a screenshot). Shared by --pdf and the tests.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
