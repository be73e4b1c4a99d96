import { addDays, addMonths, daysBetween, monthsBetween } from '@kaf/platform';
import { type AllocatedBill, type AllocatedPayment, type Allocation, allocate } from './allocation';

/** Age bands of overdue amounts, by whole days past the due date. */
export type ArrearsBand = 'upTo30' | 'days31To90' | 'over90';

/** An account's position on a day: open amounts not yet due, overdue ones by band, and credit. */
export interface Position {
  asOf: string;
  notDueFen: bigint;
  upTo30Fen: bigint;
  days31To90Fen: bigint;
  over90Fen: bigint;
  unallocatedFen: bigint;
}

/** The band of a bill due on `dueDate` as of `asOf`; undefined while it is not yet overdue (due on or after `asOf`). */
export function arrearsBand(dueDate: string, asOf: string): ArrearsBand | undefined {
  const days = daysBetween(dueDate, asOf);
  if (days <= 0) return undefined;
  if (days <= 30) return 'upTo30';
  if (days <= 90) return 'days31To90';
  return 'over90';
}

export interface PositionScope {
  /** The day the position is taken on. */
  asOf: string;
  /** Only bills of this billing month and earlier (a month's row); undefined: every bill. */
  billsThrough?: string;
  /** Only payments made on this day or before; undefined: every payment. */
  paidThrough?: string;
}

/**
 * Arrears as of a day: the bills and payments in scope are allocated, and each bill's open amount
 * counts as not due while its due date is not before the day, else in the band of its days past due.
 */
export function positionOf(
  bills: readonly AllocatedBill[],
  payments: readonly AllocatedPayment[],
  scope: PositionScope,
): Position {
  const { asOf, billsThrough, paidThrough } = scope;
  const inBills = billsThrough === undefined ? bills : bills.filter((b) => b.billingMonth <= billsThrough);
  const inPayments = paidThrough === undefined ? payments : payments.filter((p) => p.paidOn <= paidThrough);
  return agedPosition(inBills, allocate(inBills, inPayments), asOf);
}

/** The position of an allocation as of `asOf`. */
export function agedPosition(
  bills: readonly AllocatedBill[],
  allocation: Allocation,
  asOf: string,
): Position {
  const position: Position = {
    asOf,
    notDueFen: 0n,
    upTo30Fen: 0n,
    days31To90Fen: 0n,
    over90Fen: 0n,
    unallocatedFen: allocation.unallocatedFen,
  };
  for (const bill of bills) {
    const open = allocation.bills.get(bill.eventId)?.openFen ?? 0n;
    if (open === 0n) continue;
    const band = arrearsBand(bill.dueDate, asOf);
    if (band === undefined) position.notDueFen += open;
    else position[`${band}Fen`] += open;
  }
  return position;
}

/** What the account owes on balance: open amounts less its credit (negative: the operator owes). */
export function balanceOf(position: Position): bigint {
  return (
    position.notDueFen +
    position.upTo30Fen +
    position.days31To90Fen +
    position.over90Fen -
    position.unallocatedFen
  );
}

/** The last day of a billing month. */
export function lastDayOf(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** One account's row of `billing_arrears_month` for one month. */
export interface MonthPosition extends Position {
  billingMonth: string;
}

/**
 * An account's month rows as of `today`: one per month from its first bill's month to today's
 * month, each taken on the month's last day (today for the current month) over the bills of that
 * month and before and the payments made by that day. None before the account has a bill; with
 * `from`, only the months from it on (a booking cannot change the months before its events').
 */
export function monthPositions(
  bills: readonly AllocatedBill[],
  payments: readonly AllocatedPayment[],
  today: string,
  from?: string,
): MonthPosition[] {
  if (bills.length === 0) return [];
  const first = bills.reduce(
    (min, b) => (b.billingMonth < min ? b.billingMonth : min),
    bills[0]!.billingMonth,
  );
  const start = from !== undefined && from > first ? from : first;
  const current = today.slice(0, 7);
  if (start > current) return [];
  return monthsBetween(start, current).map((month) => {
    const asOf = month === current ? today : lastDayOf(month);
    return {
      billingMonth: month,
      ...positionOf(bills, payments, { asOf, billsThrough: month, paidThrough: asOf }),
    };
  });
}
