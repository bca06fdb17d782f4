/** Calendar days as integers (days since 1970-01-01 UTC): cheap to store, compare and subtract. */
const MS_PER_DAY = 86_400_000;
const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;

/** Day number of a `YYYY-MM-DD` date or ISO 8601 timestamp (its UTC day); null when unreadable. */
export function dayOf(date: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    const t = Date.parse(`${date}T00:00:00Z`);
    return Number.isNaN(t) ? null : Math.floor(t / MS_PER_DAY);
  }
  if (!DATE_PREFIX.test(date)) return null;
  const t = Date.parse(date);
  return Number.isNaN(t) ? null : Math.floor(t / MS_PER_DAY);
}

export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
