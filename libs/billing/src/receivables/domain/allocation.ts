/** A bill in force, as allocation sees it. */
export interface AllocatedBill {
  eventId: string;
  billingMonth: string;
  amountDueFen: bigint;
  dueDate: string;
}

/** A payment in force, as allocation sees it. */
export interface AllocatedPayment {
  eventId: string;
  amountFen: bigint;
  paidOn: string;
  /** The month of the bill it names; null: unallocated. */
  billingMonth: string | null;
}

/** Part of a payment that went to one bill. */
export interface Settlement {
  billEventId: string;
  billingMonth: string;
  amountFen: bigint;
}

export interface BillState {
  paidFen: bigint;
  openFen: bigint;
}

export interface PaymentState {
  settled: Settlement[];
  /** What this payment still holds as credit (0 for a reversal, a negative payment). */
  unallocatedFen: bigint;
}

export interface Allocation {
  bills: Map<string, BillState>;
  payments: Map<string, PaymentState>;
  /**
   * The account's credit no bill has taken: payments' rests and credit notes (negative bills).
   * Negative only when reversals (negative payments) exceed everything paid.
   */
  unallocatedFen: bigint;
}

/** A source of money in the order it is spent: a payment, or a credit note's amount. */
interface Credit {
  date: string;
  /** The payment's state; a credit note's own, shown nowhere. */
  payment: PaymentState;
  leftFen: bigint;
}

/**
 * Settles an account's bills from its payments, pure and deterministic (the derived rows are
 * recomputed from scratch whenever an event of the account is booked):
 *
 * 1. a payment naming a billing month settles that month's bills first (payments by day paid);
 * 2. every rest, unallocated payments and credit notes (bills corrected to a negative amount),
 *    by day, settle the oldest open bills first (by due date, then month, then event id);
 *    what is left stays unallocated: a credit that settles later bills as they come;
 * 3. reversals (payments corrected to a negative amount) take back credit, latest first, and
 *    then reopen bills, newest first.
 *
 * Ties between payments of one day keep the order given (the ledger's booking order).
 */
export function allocate(bills: readonly AllocatedBill[], payments: readonly AllocatedPayment[]): Allocation {
  const ordered = [...bills].sort(billOrder);
  const state = new Map<string, BillState>(
    ordered.map((b) => [b.eventId, { paidFen: 0n, openFen: positive(b.amountDueFen) }]),
  );
  const byPayment = new Map<string, PaymentState>();
  const settlements = new Map<string, { payment: PaymentState; settlement: Settlement }[]>();
  const settle = (payment: PaymentState, bill: AllocatedBill, wanted: bigint): bigint => {
    const s = state.get(bill.eventId)!;
    const amount = wanted < s.openFen ? wanted : s.openFen;
    if (amount <= 0n) return 0n;
    s.openFen -= amount;
    s.paidFen += amount;
    const settlement = { billEventId: bill.eventId, billingMonth: bill.billingMonth, amountFen: amount };
    payment.settled.push(settlement);
    const list = settlements.get(bill.eventId) ?? [];
    list.push({ payment, settlement });
    settlements.set(bill.eventId, list);
    return amount;
  };

  const byMonth = new Map<string, AllocatedBill[]>();
  for (const bill of ordered)
    byMonth.set(bill.billingMonth, [...(byMonth.get(bill.billingMonth) ?? []), bill]);
  const paying = [...payments].sort((a, b) => compare(a.paidOn, b.paidOn));
  const credits: Credit[] = [];
  for (const p of paying) {
    const payment: PaymentState = { settled: [], unallocatedFen: 0n };
    byPayment.set(p.eventId, payment);
    if (p.amountFen <= 0n) continue;
    let left = p.amountFen;
    for (const bill of p.billingMonth === null ? [] : (byMonth.get(p.billingMonth) ?? [])) {
      if (left === 0n) break;
      left -= settle(payment, bill, left);
    }
    credits.push({ date: p.paidOn, payment, leftFen: left });
  }
  for (const bill of ordered) {
    if (bill.amountDueFen < 0n) {
      credits.push({
        date: bill.dueDate,
        payment: { settled: [], unallocatedFen: 0n },
        leftFen: -bill.amountDueFen,
      });
    }
  }
  credits.sort((a, b) => compare(a.date, b.date));
  // Bills close in order here, so the oldest open one is found by moving forward only.
  let oldest = 0;
  for (const credit of credits) {
    while (credit.leftFen > 0n && oldest < ordered.length) {
      const bill = ordered[oldest]!;
      credit.leftFen -= settle(credit.payment, bill, credit.leftFen);
      if (state.get(bill.eventId)!.openFen === 0n) oldest++;
    }
    credit.payment.unallocatedFen = credit.leftFen;
  }

  let debt = paying.reduce((sum, p) => (p.amountFen < 0n ? sum - p.amountFen : sum), 0n);
  for (let i = credits.length - 1; i >= 0 && debt > 0n; i--) {
    const credit = credits[i]!;
    const taken = debt < credit.leftFen ? debt : credit.leftFen;
    credit.leftFen -= taken;
    credit.payment.unallocatedFen = credit.leftFen;
    debt -= taken;
  }
  for (let i = ordered.length - 1; i >= 0 && debt > 0n; i--)
    debt = reopen(ordered[i]!, debt, state, settlements);

  const credit = credits.reduce((sum, c) => sum + c.leftFen, 0n);
  return { bills: state, payments: byPayment, unallocatedFen: credit - debt };
}

/** Takes back up to `debt` of what settled `bill`, the latest settlement first; returns the debt left. */
function reopen(
  bill: AllocatedBill,
  debt: bigint,
  state: Map<string, BillState>,
  settlements: Map<string, { payment: PaymentState; settlement: Settlement }[]>,
): bigint {
  const s = state.get(bill.eventId)!;
  const taken = debt < s.paidFen ? debt : s.paidFen;
  s.paidFen -= taken;
  s.openFen += taken;
  let rest = taken;
  const list = settlements.get(bill.eventId) ?? [];
  for (let j = list.length - 1; j >= 0 && rest > 0n; j--) {
    const { payment, settlement } = list[j]!;
    const back = rest < settlement.amountFen ? rest : settlement.amountFen;
    settlement.amountFen -= back;
    rest -= back;
    if (settlement.amountFen === 0n) payment.settled.splice(payment.settled.indexOf(settlement), 1);
  }
  return debt - taken;
}

function billOrder(a: AllocatedBill, b: AllocatedBill): number {
  return (
    compare(a.dueDate, b.dueDate) || compare(a.billingMonth, b.billingMonth) || compare(a.eventId, b.eventId)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function positive(amount: bigint): bigint {
  return amount > 0n ? amount : 0n;
}
