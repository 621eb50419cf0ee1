import { zonedParts } from '../review/zoned-time';

/**
 * An instant in the organisation's zone, to the second, with its offset and abbreviation:
 * `2026-11-12 10:05:00 -05:00 (EST)`. The investigator compares it with staff schedules; the
 * offset keeps it unambiguous across DST changes (the repeated hour of November).
 */
export function localTime(ms: number, timeZone: string): string {
  const instant = new Date(ms);
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(Number(p['year']), Number(p['month']) - 1, Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second']));
  const offsetMin = Math.round((wall - (ms - (ms % 1000 + 1000) % 1000)) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}:${p['second']} ${offset} (${p['timeZoneName']})`;
}
