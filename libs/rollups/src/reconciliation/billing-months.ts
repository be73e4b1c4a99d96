/**
 * Billing months (`YYYY-MM`) are calendar months in Asia/Shanghai, which has kept UTC+08:00
 * without daylight saving since 1991, so a fixed offset is exact.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A run covers at most this many months (three years). */
export const MAX_RUN_MONTHS = 36;

export function shanghaiMonth(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** `month` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (empty when `from` is after `to`). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The default range of a run: the current billing month and the two before it. */
export function defaultRange(now: Date): { from: string; to: string } {
  const to = shanghaiMonth(now);
  return { from: addMonths(to, -2), to };
}
