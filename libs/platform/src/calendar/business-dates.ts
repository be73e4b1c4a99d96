import { SHANGHAI_OFFSET_MS, SHANGHAI_ZONE } from './shanghai';

/** Business dates are calendar days (`YYYY-MM-DD`) in Asia/Shanghai. */
const DAY_MS = 24 * 60 * 60 * 1000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real `YYYY-MM-DD` day (no 02-30) between the years 1900 and 2999. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** 00:00 in Shanghai at the start of `date`. */
export function shanghaiMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The Shanghai calendar day that `instant` falls on. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` moved by a whole number of days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The instant `hour:minute` Shanghai time on `date`. */
export function shanghaiInstant(date: string, hour: number, minute = 0): Date {
  return new Date(shanghaiMidnight(date).getTime() + (hour * 60 + minute) * 60_000);
}

/** `instant` as Shanghai wall-clock time in RFC 3339 to the second, e.g. `2026-05-31T23:59:59+08:00`. */
export function shanghaiDateTime(instant: Date): string {
  return `${new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}${SHANGHAI_ZONE}`;
}
