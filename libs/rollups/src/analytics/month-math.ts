/** Billing months as `YYYY-MM`: arithmetic on the month index, no time zones involved. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isBillingMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

function index(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function fromIndex(i: number): string {
  const year = Math.floor(i / 12);
  return `${String(year).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** `month` moved by `delta` months (negative: earlier). */
export function addMonths(month: string, delta: number): string {
  return fromIndex(index(month) + delta);
}

/** Months from `from` to `to`, both included (0 when `to` is before `from`). */
export function monthSpan(from: string, to: string): number {
  return Math.max(0, index(to) - index(from) + 1);
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = index(from); i <= index(to); i++) out.push(fromIndex(i));
  return out;
}
