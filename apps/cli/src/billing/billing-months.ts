/** Billing months are calendar months in Asia/Shanghai (UTC+08:00 all year round). */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function shanghaiMonth(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** `month` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const year = Number(month.slice(0, 4));
  const index = year * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/**
 * `FROM..TO` (or a single month) into the list of months. The ledger books months up to next
 * month, so later ones are refused here rather than rejected event by event.
 */
export function parseMonthRange(text: string, now: Date = new Date()): string[] {
  const parts = text.split('..').map((p) => p.trim());
  const from = parts[0] ?? '';
  const to = parts[1] ?? from;
  if (parts.length > 2 || !isMonth(from) || !isMonth(to)) {
    throw new RangeError(`must be FROM..TO with months as YYYY-MM, e.g. 2026-01..2026-06, got '${text}'`);
  }
  if (from > to) throw new RangeError(`${from} comes after ${to}`);
  const latest = addMonths(shanghaiMonth(now), 1);
  if (to > latest) throw new RangeError(`the ledger books months up to ${latest}, got ${to}`);
  if (from < '2000-01') throw new RangeError(`the ledger books months from 2000-01, got ${from}`);
  const months = monthsBetween(from, to);
  if (months.length > 120) throw new RangeError(`at most 120 months, got ${months.length}`);
  return months;
}

/** A Shanghai instant inside `month`, as RFC 3339 with the +08:00 zone, never after `now`. */
export function instantInMonth(month: string, day: number, secondOfDay: number, now: Date): string {
  const today = new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  let d = Math.min(Math.max(day, 1), 28);
  if (today.startsWith(month)) d = Math.min(d, Number(today.slice(8, 10)));
  const hh = Math.floor(secondOfDay / 3600) % 24;
  const mm = Math.floor(secondOfDay / 60) % 60;
  const ss = secondOfDay % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const instant = `${month}-${two(d)}T${two(hh)}:${two(mm)}:${two(ss)}+08:00`;
  if (Date.parse(instant) <= now.getTime() || !today.startsWith(month)) return instant;
  // Later today: the billing system cannot have rated it yet, so it happened a moment ago.
  return `${today.slice(0, 19)}+08:00`;
}
