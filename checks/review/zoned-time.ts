/**
 * Local times for the weekly review: the reviewer judges "after hours" in the organisation's
 * time zone (`organization.timezone`), so the worksheet shows and bounds its week there.
 */

/** The instant's wall-clock fields in `timeZone` (year ... second, 24-hour, and the zone's short name). */
export function zonedParts(instant: Date, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** Throws a RangeError for an unknown zone, like Intl does. */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}

/** `2026-11-18T03:47:12Z` in America/New_York -> `2026-11-17 22:47 EST`; non-instants as given. */
export function formatInZone(value: string, timeZone: string): string {
  const instant = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(instant.getTime())) return value;
  const p = zonedParts(instant, timeZone);
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']} ${p['timeZoneName']}`;
}

/** The instant at which the local date `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfDayInZone(date: string, timeZone: string): Date {
  const wallClock = Date.parse(`${date}T00:00:00Z`);
  let guess = wallClock;
  // Two rounds settle the zone offset, across a DST change too.
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const shown = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
    guess += wallClock - shown;
  }
  return new Date(guess);
}
