import { DateTime, IANAZone } from 'luxon';
import type { Period } from './schemas.js';

export interface CalendarPeriod {
  period: Period;
  startMs: number;
  endMs: number;
  /** ISO 8601 with the zone's offset at that instant. */
  start: string;
  end: string;
}

/** An IANA zone name that this Node's ICU knows (what Intl and Luxon can compute with). */
export function isKnownTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

/**
 * The calendar period holding `nowMs` in `timeZone`: from local midnight of its first day to
 * local midnight of the next period's first day (weeks start on Monday, ISO 8601). Luxon applies
 * the zone's rules, so a day across a DST change is 23 or 25 hours long, and a midnight that does
 * not exist (DST at 00:00) becomes the first instant of that day.
 */
export function calendarPeriod(period: Period, timeZone: string, nowMs: number): CalendarPeriod {
  const now = DateTime.fromMillis(nowMs, { zone: timeZone });
  if (!now.isValid) throw new RangeError(`unknown time zone ${timeZone}`);
  const start = now.startOf(period);
  const end = start.plus({ [`${period}s`]: 1 }).startOf(period);
  return { period, startMs: start.toMillis(), endMs: end.toMillis(), start: start.toISO()!, end: end.toISO()! };
}
