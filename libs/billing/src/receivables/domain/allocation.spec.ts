import { type AllocatedBill, type AllocatedPayment, allocate } from './allocation';

function bill(
  eventId: string,
  billingMonth: string,
  amountDueFen: bigint,
  dueDate = `${billingMonth}-28`,
): AllocatedBill {
  return { eventId, billingMonth, amountDueFen, dueDate };
}

function payment(
  eventId: string,
  amountFen: bigint,
  paidOn: string,
  billingMonth: string | null = null,
): AllocatedPayment {
  return { eventId, amountFen, paidOn, billingMonth };
}

function open(allocation: ReturnType<typeof allocate>): Record<string, bigint> {
  return Object.fromEntries([...allocation.bills].map(([id, s]) => [id, s.openFen]));
}

describe('allocating payments to bills', () => {
  const jan = bill('B-01', '2026-01', 10_000n, '2026-02-15');
  const feb = bill('B-02', '2026-02', 20_000n, '2026-03-15');
  const mar = bill('B-03', '2026-03', 30_000n, '2026-04-15');

  it('settles the oldest open bill first when a payment names none', () => {
    const a = allocate([mar, jan, feb], [payment('P-1', 25_000n, '2026-03-20')]);
    expect(open(a)).toEqual({ 'B-01': 0n, 'B-02': 5_000n, 'B-03': 30_000n });
    expect(a.payments.get('P-1')).toEqual({
      settled: [
        { billEventId: 'B-01', billingMonth: '2026-01', amountFen: 10_000n },
        { billEventId: 'B-02', billingMonth: '2026-02', amountFen: 15_000n },
      ],
      unallocatedFen: 0n,
    });
    expect(a.unallocatedFen).toBe(0n);
  });

  it('orders bills by due date, then month', () => {
    const early = bill('B-X', '2026-03', 1_000n, '2026-02-01');
    const sameDay = bill('B-Y', '2026-02', 1_000n, '2026-02-01');
    const a = allocate([early, sameDay], [payment('P-1', 1_000n, '2026-02-02')]);
    expect(open(a)).toEqual({ 'B-X': 1_000n, 'B-Y': 0n });
  });

  it('settles the bill a payment names first, the rest the oldest open bills', () => {
    const a = allocate([jan, feb, mar], [payment('P-1', 35_000n, '2026-04-01', '2026-03')]);
    expect(open(a)).toEqual({ 'B-01': 5_000n, 'B-02': 20_000n, 'B-03': 0n });
    expect(a.payments.get('P-1')!.settled).toEqual([
      { billEventId: 'B-03', billingMonth: '2026-03', amountFen: 30_000n },
      { billEventId: 'B-01', billingMonth: '2026-01', amountFen: 5_000n },
    ]);
  });

  it('lets a named payment settle its bill before an earlier unallocated one does', () => {
    const a = allocate(
      [jan, feb],
      [payment('P-1', 10_000n, '2026-02-01'), payment('P-2', 20_000n, '2026-03-01', '2026-02')],
    );
    expect(open(a)).toEqual({ 'B-01': 0n, 'B-02': 0n });
    expect(a.payments.get('P-2')!.settled).toEqual([
      { billEventId: 'B-02', billingMonth: '2026-02', amountFen: 20_000n },
    ]);
  });

  it('sends a payment naming a month without a bill to the oldest open bills', () => {
    const a = allocate([jan], [payment('P-1', 4_000n, '2026-02-01', '2025-12')]);
    expect(open(a)).toEqual({ 'B-01': 6_000n });
  });

  it('keeps a payment larger than every open bill unallocated, and settles a later bill with it', () => {
    const before = allocate([jan], [payment('P-1', 50_000n, '2026-02-10')]);
    expect(open(before)).toEqual({ 'B-01': 0n });
    expect(before.unallocatedFen).toBe(40_000n);
    expect(before.payments.get('P-1')!.unallocatedFen).toBe(40_000n);

    const after = allocate([jan, feb, mar], [payment('P-1', 50_000n, '2026-02-10')]);
    expect(open(after)).toEqual({ 'B-01': 0n, 'B-02': 0n, 'B-03': 10_000n });
    expect(after.unallocatedFen).toBe(0n);
    expect(after.payments.get('P-1')!.unallocatedFen).toBe(0n);
  });

  it('takes a credit note (a bill corrected to a negative amount) as credit for the oldest open bills', () => {
    const note = bill('B-02c', '2026-02', -4_000n, '2026-03-15');
    const a = allocate([jan, note], []);
    expect(open(a)).toEqual({ 'B-01': 6_000n, 'B-02c': 0n });
    expect(a.unallocatedFen).toBe(0n);
    expect(allocate([note], []).unallocatedFen).toBe(4_000n);
  });

  it('takes a reversal (a payment corrected to a negative amount) back from credit first, then reopens the newest bills', () => {
    const payments = [payment('P-1', 40_000n, '2026-03-20'), payment('P-2c', -10_000n, '2026-03-25')];
    const fromCredit = allocate([jan, feb], payments);
    expect(open(fromCredit)).toEqual({ 'B-01': 0n, 'B-02': 0n });
    expect(fromCredit.unallocatedFen).toBe(0n);
    expect(fromCredit.payments.get('P-1')!.unallocatedFen).toBe(0n);

    const reopened = allocate(
      [jan, feb],
      [payment('P-1', 30_000n, '2026-03-20'), payment('P-2c', -12_000n, '2026-03-25')],
    );
    expect(open(reopened)).toEqual({ 'B-01': 0n, 'B-02': 12_000n });
    expect(reopened.payments.get('P-1')!.settled).toEqual([
      { billEventId: 'B-01', billingMonth: '2026-01', amountFen: 10_000n },
      { billEventId: 'B-02', billingMonth: '2026-02', amountFen: 8_000n },
    ]);
  });

  it('shows a reversal larger than everything paid as negative credit', () => {
    const a = allocate([jan], [payment('P-1', 1_000n, '2026-02-01'), payment('P-2c', -3_000n, '2026-02-02')]);
    expect(open(a)).toEqual({ 'B-01': 10_000n });
    expect(a.unallocatedFen).toBe(-2_000n);
  });

  it('keeps paid plus open equal to every bill, and payments equal to settlements plus credit', () => {
    const bills = [jan, feb, mar, bill('B-04', '2026-04', 7_777n, '2026-05-15')];
    const payments = [
      payment('P-1', 12_345n, '2026-02-01'),
      payment('P-2', 9_999n, '2026-03-01', '2026-03'),
      payment('P-3', 60_000n, '2026-04-01', '2026-02'),
    ];
    const a = allocate(bills, payments);
    for (const b of bills) {
      const s = a.bills.get(b.eventId)!;
      expect(s.paidFen + s.openFen).toBe(b.amountDueFen);
    }
    const settled = [...a.payments.values()]
      .flatMap((p) => p.settled)
      .reduce((sum, s) => sum + s.amountFen, 0n);
    expect(settled + a.unallocatedFen).toBe(12_345n + 9_999n + 60_000n);
  });
});
