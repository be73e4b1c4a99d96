import { addDays, addMonths, billingMonthOf, daysBetween } from '@kaf/platform';
import { createRng } from '../seed/prng';

/** An account the plan bills: the billing system's number and where its holder lives. */
export interface BilledAccount {
  accountNumber: string;
  city: string;
  province: string;
  /** The first billing month the account is open for: no bill before it. */
  openedMonth: string;
}

export interface BillEventBody {
  eventId: string;
  billingAccount: string;
  billingMonth: string;
  amountDueFen: string;
  dueDate: string;
  supersedes?: string;
}

export interface PaymentEventBody {
  eventId: string;
  billingAccount: string;
  amountFen: string;
  paidOn: string;
  billingMonth?: string;
}

/** Arrears by age band, whole fen: what a node's arrears analytics must show for one city. */
export interface ArrearsBands {
  upTo30Fen: bigint;
  days31To90Fen: bigint;
  over90Fen: bigint;
}

export interface ReceivablesPlan {
  /** Bills in sending order: originals, re-sent copies and corrections. */
  bills: BillEventBody[];
  /** Payments, sent after the bills. */
  payments: PaymentEventBody[];
  /** Arrears as of `today` per city, from the bills in force and the payments. */
  arrearsByCity: Map<string, ArrearsBands>;
}

/** How an account pays: in full (naming the bill or not), half of each bill, or not at all. */
type Payer = 'prompt' | 'unallocated' | 'partial' | 'debtor';

/** Day of the month after the billing month on which a bill falls due. */
const DUE_DAY = 20;

/**
 * Bills for each account's last `months` closed billing months (due on the 20th of the next
 * month) and payments dated no later than `today`, with some bills re-sent and some corrected.
 * Accounts pay in one of four ways, so that the arrears follow from each bill alone: prompt
 * payers settle each bill before it falls due naming it, others send the same amounts without
 * naming a bill (settling the oldest open bill, which is that one), partial payers pay half of
 * each bill naming it, debtors pay nothing. A prompt payer may also pay ahead a sum no bill takes
 * (a credit, not arrears). The truth is the open amount of every bill past due, aged by days past
 * due into 1–30, 31–90 and over 90 days.
 */
export function planReceivables(
  accounts: readonly BilledAccount[],
  options: { seed: string; months: number; today: string; corrections?: number; duplicates?: number },
): ReceivablesPlan {
  const rng = createRng(`${options.seed}/receivables`);
  const current = billingMonthOf(new Date(`${options.today}T12:00:00+08:00`));
  const plan: ReceivablesPlan = { bills: [], payments: [], arrearsByCity: new Map() };
  for (const account of accounts) {
    const arng = rng.fork(account.accountNumber);
    const payer = arng.pick<Payer>(['prompt', 'prompt', 'unallocated', 'partial', 'debtor']);
    const bands = plan.arrearsByCity.get(account.city) ?? { upTo30Fen: 0n, days31To90Fen: 0n, over90Fen: 0n };
    plan.arrearsByCity.set(account.city, bands);
    for (let back = options.months; back >= 1; back--) {
      const month = addMonths(current, -back);
      if (month < account.openedMonth) continue;
      const dueDate = `${addMonths(month, 1)}-${String(DUE_DAY).padStart(2, '0')}`;
      let amount = BigInt(arng.int(50, 5_000) * 100);
      const bill: BillEventBody = {
        eventId: `${options.seed}-B-${account.accountNumber}-${month}`,
        billingAccount: account.accountNumber,
        billingMonth: month,
        amountDueFen: amount.toString(),
        dueDate,
      };
      plan.bills.push(bill);
      if (arng.chance(options.duplicates ?? 0.05)) plan.bills.push({ ...bill });
      if (arng.chance(options.corrections ?? 0.05)) {
        amount = BigInt(arng.int(50, 5_000) * 100);
        plan.bills.push({
          ...bill,
          eventId: `${bill.eventId}-C`,
          amountDueFen: amount.toString(),
          supersedes: bill.eventId,
        });
      }
      const paid = paymentOf(payer, amount);
      // Between the 10th and the 19th of the month after the billing month, and never after today.
      const paidOn = minDate(addDays(dueDate, -arng.int(1, 10)), options.today);
      if (paid > 0n) {
        plan.payments.push({
          eventId: `${options.seed}-P-${account.accountNumber}-${month}`,
          billingAccount: account.accountNumber,
          amountFen: paid.toString(),
          paidOn,
          ...(payer === 'unallocated' ? {} : { billingMonth: month }),
        });
      }
      addArrears(bands, amount - paid, dueDate, options.today);
    }
    if (payer === 'prompt' && arng.chance(0.3)) {
      plan.payments.push({
        eventId: `${options.seed}-P-${account.accountNumber}-ahead`,
        billingAccount: account.accountNumber,
        amountFen: String(arng.int(10, 500) * 100),
        paidOn: options.today,
      });
    }
  }
  return plan;
}

function paymentOf(payer: Payer, amount: bigint): bigint {
  if (payer === 'debtor') return 0n;
  if (payer === 'partial') return amount / 2n;
  return amount;
}

function addArrears(bands: ArrearsBands, open: bigint, dueDate: string, today: string): void {
  if (open <= 0n || dueDate >= today) return;
  const late = daysBetween(dueDate, today);
  if (late <= 30) bands.upTo30Fen += open;
  else if (late <= 90) bands.days31To90Fen += open;
  else bands.over90Fen += open;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
