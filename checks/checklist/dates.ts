/** Calendar arithmetic on YYYY-MM-DD strings (register dates and the as-of day). */

const DAY_MS = 86_400_000;

export function daysBetween(earlier: string, later: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / DAY_MS);
}

/** Why `date` does not count as within `days` of `asOf`, or undefined when it does. */
export function staleness(date: string, asOf: string, days: number): string | undefined {
  if (date > asOf) return `${date} is after the as-of date ${asOf}`;
  const age = daysBetween(date, asOf);
  return age > days ? `${date} is older than ${days} days (${age} days before ${asOf})` : undefined;
}

/** The latest of some dates, or undefined. */
export function latest(dates: readonly string[]): string | undefined {
  // Stryker disable next-line EqualityOperator: b >= a differs only for equal dates, and then a and b are the same string.
  return dates.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);
}

/** The earliest of some dates, or undefined. */
export function earliest(dates: readonly string[]): string | undefined {
  // Stryker disable next-line EqualityOperator: b <= a differs only for equal dates, and then a and b are the same string.
  return dates.reduce<string | undefined>((a, b) => (a === undefined || b < a ? b : a), undefined);
}
