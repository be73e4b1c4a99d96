/**
 * Billing months are calendar months in Asia/Shanghai. China has kept UTC+08:00 without daylight
 * saving since 1991, so a fixed offset is exact.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The first month the ledger accepts: older usage predates every system that could send it. */
export const FIRST_BILLING_MONTH = '2000-01';

/** The Shanghai billing month `instant` falls in. */
export function shanghaiMonth(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** The month after `month` (`YYYY-MM`). */
export function nextMonth(month: string): string {
  const [year, mm] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return mm === 12 ? `${year + 1}-01` : `${year}-${String(mm + 1).padStart(2, '0')}`;
}

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/**
 * Why `value` is not a billing month usage may be booked to at `now`, or undefined when it is.
 * Next month is allowed because a cycle may open a few hours early in a billing system's clock.
 */
export function billingMonthProblem(value: unknown, now: Date): string | undefined {
  if (!isMonth(value)) return 'must be a month as YYYY-MM, e.g. 2026-05';
  const latest = nextMonth(shanghaiMonth(now));
  if (value < FIRST_BILLING_MONTH || value > latest) {
    return `must be between ${FIRST_BILLING_MONTH} and ${latest}`;
  }
  return undefined;
}
