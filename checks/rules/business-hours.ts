import type { Weekday } from '../../lib/config/schema';

/**
 * Local weekday and HH:MM of an instant in an IANA zone, via Intl parts so that daylight saving
 * changes are the zone database's business, not a fixed offset's.
 */
export function localClock(instant: number, timeZone: string): { weekday: Weekday; time: string } {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const hour = get('hour') === '24' ? '00' : get('hour');
  return { weekday: get('weekday') as Weekday, time: `${hour}:${get('minute')}` };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface BusinessHours {
  readonly start: string;
  readonly end: string;
  readonly days: readonly Weekday[];
}

/** Inside [start, end) on a business day, local time. */
export function withinBusinessHours(instant: number, timeZone: string, hours: BusinessHours): boolean {
  const { weekday, time } = localClock(instant, timeZone);
  return hours.days.includes(weekday) && time >= hours.start && time < hours.end;
}
