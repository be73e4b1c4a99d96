import { FIRST_BILLING_MONTH, latestBookableMonth } from '@kaf/billing';
import { isBillingMonth, monthsBetween, SHANGHAI_ZONE, shanghaiDateTime } from '@kaf/platform';

/**
 * `FROM..TO` (or a single month) into the list of months. The ledger's own bounds refuse later
 * and earlier months here, rather than event by event.
 */
export function parseMonthRange(text: string, now: Date = new Date()): string[] {
  const parts = text.split('..').map((p) => p.trim());
  const from = parts[0] ?? '';
  const to = parts[1] ?? from;
  if (parts.length > 2 || !isBillingMonth(from) || !isBillingMonth(to)) {
    throw new RangeError(`must be FROM..TO with months as YYYY-MM, e.g. 2026-01..2026-06, got '${text}'`);
  }
  if (from > to) throw new RangeError(`${from} comes after ${to}`);
  const latest = latestBookableMonth(now);
  if (to > latest) throw new RangeError(`the ledger books months up to ${latest}, got ${to}`);
  if (from < FIRST_BILLING_MONTH) {
    throw new RangeError(`the ledger books months from ${FIRST_BILLING_MONTH}, got ${from}`);
  }
  const months = monthsBetween(from, to);
  if (months.length > 120) throw new RangeError(`at most 120 months, got ${months.length}`);
  return months;
}

/** A Shanghai instant inside `month`, as RFC 3339 with the +08:00 zone, never after `now`. */
export function instantInMonth(month: string, day: number, secondOfDay: number, now: Date): string {
  const today = shanghaiDateTime(now);
  let d = Math.min(Math.max(day, 1), 28);
  if (today.startsWith(month)) d = Math.min(d, Number(today.slice(8, 10)));
  const hh = Math.floor(secondOfDay / 3600) % 24;
  const mm = Math.floor(secondOfDay / 60) % 60;
  const ss = secondOfDay % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const instant = `${month}-${two(d)}T${two(hh)}:${two(mm)}:${two(ss)}${SHANGHAI_ZONE}`;
  if (Date.parse(instant) <= now.getTime() || !today.startsWith(month)) return instant;
  // Later today: the billing system cannot have rated it yet, so it happened a moment ago.
  return today;
}
