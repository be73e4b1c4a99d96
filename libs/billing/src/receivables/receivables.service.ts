import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { CustomerDirectory } from '@kaf/customers';
import { daysBetween, shanghaiDate } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { BillLedgerRepository, type BillRow } from './bill-ledger.repository';
import { agedPosition, balanceOf } from './domain/aging';
import { type Allocation, allocate } from './domain/allocation';
import { PaymentLedgerRepository, type PaymentRow } from './payment-ledger.repository';
import type { ListBillsQuery } from './receivables.query';
import type { AccountBalanceView, BillStatus, BillView, PaymentView } from './receivables.views';

/** An account's bills and payments allocated as of today. */
interface AccountBook {
  bills: BillRow[];
  payments: PaymentRow[];
  allocation: Allocation;
}

/**
 * What account managers see of their customers' bills and payments, and the balances added to the
 * billing-account view: allocated at read time over each account's bills and payments in force
 * (an account has few), as of today in Shanghai.
 */
@Injectable()
export class ReceivablesService {
  constructor(
    private readonly bills: BillLedgerRepository,
    private readonly payments: PaymentLedgerRepository,
    private readonly customers: CustomerDirectory,
  ) {}

  /** A customer's bills in force, oldest month first; a customer out of reach is a 404. */
  async billsOf(
    scope: AccessScope,
    customerId: string,
    query: ListBillsQuery,
    now = new Date(),
  ): Promise<BillView[]> {
    const customer = await this.customers.requireInScope(scope, customerId, 'customerId');
    const own = await this.bills.forCustomer(customer.id, query.month);
    const books = await this.books(
      undefined,
      own.map((b) => b.accountId),
    );
    const today = shanghaiDate(now);
    return own
      .map((bill) => billView(bill, books.get(bill.accountId)!.allocation, today))
      .filter((view) => query.status === undefined || view.status === query.status);
  }

  /** A customer's payments in force, latest first, with what each settled as allocated today. */
  async paymentsOf(scope: AccessScope, customerId: string): Promise<PaymentView[]> {
    const customer = await this.customers.requireInScope(scope, customerId, 'customerId');
    const own = await this.payments.forCustomer(customer.id);
    const books = await this.books(
      undefined,
      own.map((p) => p.accountId),
    );
    return own
      .map((payment) => paymentView(payment, books.get(payment.accountId)!.allocation))
      .sort((a, b) => (a.paidOn < b.paidOn ? 1 : a.paidOn > b.paidOn ? -1 : 0));
  }

  /**
   * Each account's balance as of today, for the billing-account view (`balance`); accounts without
   * bills or payments get a zero balance.
   */
  async balances(
    tx: EntityManager,
    accountIds: readonly string[],
    now = new Date(),
  ): Promise<Map<string, AccountBalanceView>> {
    const books = await this.books(tx, accountIds);
    const today = shanghaiDate(now);
    return new Map(
      [...new Set(accountIds)].map((id) => {
        const book = books.get(id) ?? { bills: [], payments: [], allocation: allocate([], []) };
        return [id, balanceView(agedPosition(book.bills, book.allocation, today))];
      }),
    );
  }

  private async books(
    tx: EntityManager | undefined,
    accountIds: readonly string[],
  ): Promise<Map<string, AccountBook>> {
    const ids = [...new Set(accountIds)];
    const books = new Map<string, AccountBook>(
      ids.map((id) => [id, { bills: [], payments: [], allocation: allocate([], []) }]),
    );
    for (const bill of await this.bills.inForce(tx, ids)) books.get(bill.accountId)?.bills.push(bill);
    for (const payment of await this.payments.inForce(tx, ids))
      books.get(payment.accountId)?.payments.push(payment);
    for (const book of books.values()) book.allocation = allocate(book.bills, book.payments);
    return books;
  }
}

function billView(bill: BillRow, allocation: Allocation, today: string): BillView {
  const state = allocation.bills.get(bill.eventId) ?? { paidFen: 0n, openFen: 0n };
  const late = daysBetween(bill.dueDate, today);
  const status: BillStatus = state.openFen === 0n ? 'paid' : late > 0 ? 'overdue' : 'open';
  return {
    eventId: bill.eventId,
    billingAccount: bill.billingAccount,
    billingMonth: bill.billingMonth,
    amountDueFen: bill.amountDueFen.toString(),
    paidFen: state.paidFen.toString(),
    openFen: state.openFen.toString(),
    dueDate: bill.dueDate,
    daysOverdue: status === 'overdue' ? late : 0,
    status,
  };
}

function paymentView(payment: PaymentRow, allocation: Allocation): PaymentView {
  const state = allocation.payments.get(payment.eventId) ?? { settled: [], unallocatedFen: 0n };
  return {
    eventId: payment.eventId,
    billingAccount: payment.billingAccount,
    amountFen: payment.amountFen.toString(),
    paidOn: payment.paidOn,
    billingMonth: payment.billingMonth,
    settled: state.settled.map((s) => ({
      billEventId: s.billEventId,
      billingMonth: s.billingMonth,
      amountFen: s.amountFen.toString(),
    })),
    unallocatedFen: state.unallocatedFen.toString(),
  };
}

function balanceView(position: ReturnType<typeof agedPosition>): AccountBalanceView {
  const total = position.upTo30Fen + position.days31To90Fen + position.over90Fen;
  return {
    balanceFen: balanceOf(position).toString(),
    notDueFen: position.notDueFen.toString(),
    arrears: {
      upTo30Fen: position.upTo30Fen.toString(),
      days31To90Fen: position.days31To90Fen.toString(),
      over90Fen: position.over90Fen.toString(),
      totalFen: total.toString(),
    },
    unallocatedFen: position.unallocatedFen.toString(),
    asOf: position.asOf,
  };
}
