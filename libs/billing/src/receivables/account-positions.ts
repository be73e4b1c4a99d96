import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ArrearsMonthChange, ArrearsMonthChanges } from './arrears-month-changes';
import { type ArrearsMonthRow, ArrearsMonthRepository } from './arrears-month.repository';
import { BillLedgerRepository, type BillRow } from './bill-ledger.repository';
import { monthPositions } from './domain/aging';
import { PaymentLedgerRepository, type PaymentRow } from './payment-ledger.repository';

/**
 * The rows derived from an account's bills and payments, recomputed whole (an account has few)
 * inside the transaction that changed them or whose day turned: `billing_arrears_month`, and the
 * listeners told which customers' months changed.
 */
@Injectable()
export class AccountPositions {
  constructor(
    private readonly bills: BillLedgerRepository,
    private readonly payments: PaymentLedgerRepository,
    private readonly months: ArrearsMonthRepository,
    private readonly changes: ArrearsMonthChanges,
  ) {}

  /**
   * Serialises the writers of `accountIds` until `tx` ends, always in the same order, so that two
   * transactions never derive an account's rows from each other's uncommitted halves.
   */
  async lock(tx: EntityManager, accountIds: readonly string[]): Promise<void> {
    if (accountIds.length === 0) return;
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('billing_account:' || a, 0))
         FROM unnest($1::text[]) WITH ORDINALITY AS t(a, n)
        ORDER BY n`,
      [[...new Set(accountIds)].sort()],
    );
  }

  /**
   * Recomputes the month rows of `accountIds` as of `today` (Shanghai), and tells the listeners
   * what changed. `fromMonths` gives an account's earliest month that can have changed (the
   * months of the events booked and of the originals they replaced); without it, every month.
   */
  async recompute(
    tx: EntityManager,
    accountIds: readonly string[],
    today: string,
    fromMonths: ReadonlyMap<string, string> = new Map(),
  ): Promise<ArrearsMonthChange[]> {
    const ids = [...new Set(accountIds)].sort();
    if (ids.length === 0) return [];
    await this.lock(tx, ids);
    const bills = groupBy(await this.bills.inForce(tx, ids));
    const payments = groupBy(await this.payments.inForce(tx, ids));
    const before = (await this.months.forAccounts(tx, ids)).filter(
      (r) => r.billingMonth >= (fromMonths.get(r.accountId) ?? ''),
    );
    const after = ids.flatMap((id) =>
      accountMonthRows(id, bills.get(id) ?? [], payments.get(id) ?? [], today, fromMonths.get(id)),
    );
    const { writes, removals, changes } = diffRows(before, after);
    await this.months.write(tx, writes);
    await this.months.remove(tx, removals);
    await this.changes.notify(tx, changes);
    return changes;
  }
}

function groupBy<R extends { accountId: string }>(rows: readonly R[]): Map<string, R[]> {
  const byAccount = new Map<string, R[]>();
  for (const row of rows) {
    const list = byAccount.get(row.accountId);
    if (list) list.push(row);
    else byAccount.set(row.accountId, [row]);
  }
  return byAccount;
}

/** An account's month rows, each month's holder the customer of its latest bill up to that month. */
export function accountMonthRows(
  accountId: string,
  bills: readonly BillRow[],
  payments: readonly PaymentRow[],
  today: string,
  from?: string,
): ArrearsMonthRow[] {
  const byMonth = [...bills].sort((a, b) =>
    a.billingMonth < b.billingMonth ? -1 : a.billingMonth > b.billingMonth ? 1 : 0,
  );
  return monthPositions(bills, payments, today, from).map((position) => {
    let holder = byMonth[0]!.customerId;
    for (const b of byMonth) if (b.billingMonth <= position.billingMonth) holder = b.customerId;
    return { accountId, customerId: holder, ...position };
  });
}

const FIGURES = ['notDueFen', 'upTo30Fen', 'days31To90Fen', 'over90Fen', 'unallocatedFen'] as const;

/**
 * What to write (rows new or different in anything, the day taken on included), what to remove,
 * and the customers' months whose figures changed (a row's old holder as well as its new one).
 */
export function diffRows(
  before: readonly ArrearsMonthRow[],
  after: readonly ArrearsMonthRow[],
): { writes: ArrearsMonthRow[]; removals: ArrearsMonthRow[]; changes: ArrearsMonthChange[] } {
  const key = (r: ArrearsMonthRow): string => `${r.accountId}|${r.billingMonth}`;
  const old = new Map(before.map((r) => [key(r), r]));
  const kept = new Set<string>();
  const changed = new Map<string, ArrearsMonthChange>();
  const touch = (customerId: string, billingMonth: string): void => {
    changed.set(`${customerId}|${billingMonth}`, { customerId, billingMonth });
  };
  const writes: ArrearsMonthRow[] = [];
  for (const row of after) {
    const was = old.get(key(row));
    kept.add(key(row));
    const figures = !was || was.customerId !== row.customerId || FIGURES.some((f) => was[f] !== row[f]);
    if (figures) {
      touch(row.customerId, row.billingMonth);
      if (was && was.customerId !== row.customerId) touch(was.customerId, was.billingMonth);
    }
    if (figures || was.asOf !== row.asOf) writes.push(row);
  }
  const removals = before.filter((r) => !kept.has(key(r)));
  for (const r of removals) touch(r.customerId, r.billingMonth);
  return { writes, removals, changes: [...changed.values()] };
}
