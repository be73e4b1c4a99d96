import { SHANGHAI_OFFSET_MS } from './shanghai';

/**
 * Billing months, `YYYY-MM` in Asia/Shanghai: arithmetic on the month index, and the month an
 * instant falls in.
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const BILLING_MONTH_PATTERN = MONTH;

export function isBillingMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The billing month `instant` falls in, in Shanghai. */
export function billingMonthOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
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

/** The instant a billing month ends: 00:00 in Shanghai on the first day of the next month. */
export function monthEnd(month: string): Date {
  const next = index(month) + 1;
  return new Date(Date.UTC(Math.floor(next / 12), next % 12, 1) - SHANGHAI_OFFSET_MS);
}
