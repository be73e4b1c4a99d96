import { planReceivables } from './receivables-plan';

const accounts = Array.from({ length: 40 }, (_, i) => ({
  accountNumber: `4403-${String(i).padStart(4, '0')}`,
  city: i % 2 === 0 ? '440300' : '440100',
  province: '440000',
  openedMonth: i === 0 ? '2026-10' : '2020-01',
}));

describe('the demo bills and payments', () => {
  const plan = planReceivables(accounts, { seed: 's', months: 6, today: '2026-12-07' });

  it('bills each account for its closed months since it opened, due on the 20th of the next month', () => {
    const originals = plan.bills.filter((b) => !b.supersedes);
    const ofFirst = new Set(
      originals.filter((b) => b.billingAccount === '4403-0000').map((b) => b.billingMonth),
    );
    expect([...ofFirst].sort()).toEqual(['2026-10', '2026-11']);
    expect(originals.find((b) => b.billingMonth === '2026-06')).toMatchObject({ dueDate: '2026-07-20' });
  });

  it('is the same plan for the same seed, and another for another', () => {
    expect(planReceivables(accounts, { seed: 's', months: 6, today: '2026-12-07' })).toEqual(plan);
    expect(planReceivables(accounts, { seed: 't', months: 6, today: '2026-12-07' }).bills).not.toEqual(
      plan.bills,
    );
  });

  it('pays no later than today', () => {
    expect(plan.payments.filter((p) => p.paidOn > '2026-12-07')).toEqual([]);
    expect(plan.payments.length).toBeGreaterThan(0);
  });

  it('ages what is open past due: due 2026-11-20 is 17 days late, due 2026-09-20 is 78, due 2026-12-20 not yet due', () => {
    const one = planReceivables([{ ...accounts[1]!, accountNumber: 'D' }], {
      seed: 'debtor-probe',
      months: 4,
      today: '2026-12-07',
      corrections: 0,
      duplicates: 0,
    });
    const billed = (month: string) => BigInt(one.bills.find((b) => b.billingMonth === month)!.amountDueFen);
    const paid = (month: string) =>
      BigInt(one.payments.find((p) => p.eventId.endsWith(month))?.amountFen ?? '0');
    const open = (month: string) => billed(month) - paid(month);
    // Months 2026-08..2026-11, due 09-20, 10-20, 11-20, 12-20 (not yet due on 12-07).
    expect(one.arrearsByCity.get('440100')).toEqual({
      upTo30Fen: open('2026-10'),
      days31To90Fen: open('2026-08') + open('2026-09'),
      over90Fen: 0n,
    });
  });
});
