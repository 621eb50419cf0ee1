import type { Weekday } from '../../lib/config/schema';

/**
 * Local weekday and HH:MM of an instant in an IANA zone. The zone's UTC offset comes from
 * Intl.DateTimeFormat parts (so daylight saving is the zone database's business, never a fixed
 * offset), looked up per 15-minute UTC slot (offsets only change on such boundaries), and for a
 * UTC day without a change once for the whole day.
 */

const SLOT_MS = 15 * 60_000;
const WEEKDAY_NAMES: readonly Weekday[] = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as unknown as readonly Weekday[];

export function localClock(instant: number, timeZone: string): { weekday: Weekday; time: string } {
  const local = new Date(instant + offsetAt(instant, timeZone));
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return { weekday: WEEKDAY_NAMES[local.getUTCDay()], time: `${hh}:${mm}` };
}

const offsets = new Map<string, Map<number, number>>();
const SLOTS_A_DAY = 96;

/**
 * Milliseconds to add to UTC to get local wall-clock time at `instant`. A UTC day whose first
 * and next day's first slot have the same offset is taken to have it throughout, so it costs two
 * lookups rather than ninety-six; a day with a change is looked up slot by slot. This assumes no
 * zone changes its offset and back within one UTC day: true of the DST rules the property tests
 * cover, not checked against every zone's whole history.
 */
function offsetAt(instant: number, timeZone: string): number {
  const slot = Math.floor(instant / SLOT_MS);
  const dayStart = slot - (((slot % SLOTS_A_DAY) + SLOTS_A_DAY) % SLOTS_A_DAY);
  const atStart = slotOffset(dayStart, timeZone);
  return atStart === slotOffset(dayStart + SLOTS_A_DAY, timeZone) ? atStart : slotOffset(slot, timeZone);
}

function slotOffset(slot: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  let offset = zone.get(slot);
  if (offset === undefined) {
    const start = slot * SLOT_MS;
    const parts = formatter(timeZone).formatToParts(start);
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
    offset = wall - start;
    zone.set(slot, offset);
  }
  return offset;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
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
  return businessHoursTest(timeZone, hours)(instant);
}

const DAY_MS = 86_400_000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The same test, prepared once: called for every PHI data event while loading. */
export function businessHoursTest(timeZone: string, hours: BusinessHours): (instant: number) => boolean {
  const days = new Set(hours.days.map((d) => WEEKDAY_NAMES.indexOf(d)));
  const start = minutes(hours.start);
  const end = minutes(hours.end);
  return (instant) => {
    const local = instant + offsetAt(instant, timeZone);
    const day = Math.floor(local / DAY_MS);
    // 1970-01-01 was a Thursday (index 4).
    const weekday = (((day + 4) % 7) + 7) % 7;
    const minute = Math.floor((local - day * DAY_MS) / 60_000);
    return days.has(weekday) && minute >= start && minute < end;
  };
}
