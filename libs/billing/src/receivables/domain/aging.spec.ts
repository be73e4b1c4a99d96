import { arrearsBand, balanceOf, lastDayOf, monthPositions, positionOf } from './aging';
import type { AllocatedBill, AllocatedPayment } from './allocation';

function bill(eventId: string, billingMonth: string, amountDueFen: bigint, dueDate: string): AllocatedBill {
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

describe('arrears bands', () => {
  it.each([
    ['2026-06-15', '2026-06-14', undefined],
    ['2026-06-15', '2026-06-15', undefined],
    ['2026-06-15', '2026-06-16', 'upTo30'],
    ['2026-06-15', '2026-07-15', 'upTo30'],
    ['2026-06-15', '2026-07-16', 'days31To90'],
    ['2026-06-15', '2026-09-13', 'days31To90'],
    ['2026-06-15', '2026-09-14', 'over90'],
  ])('a bill due %s is %p as of %s', (dueDate, asOf, band) => {
    expect(arrearsBand(dueDate, asOf)).toBe(band);
  });

  it('puts 30 days past due in the first band, 31 in the second, 90 in the second, 91 in the third', () => {
    expect(arrearsBand('2026-01-01', '2026-01-31')).toBe('upTo30'); // 30 days
    expect(arrearsBand('2026-01-01', '2026-02-01')).toBe('days31To90'); // 31 days
    expect(arrearsBand('2026-01-01', '2026-04-01')).toBe('days31To90'); // 90 days
    expect(arrearsBand('2026-01-01', '2026-04-02')).toBe('over90'); // 91 days
  });
});

describe('position as of a day', () => {
  const bills = [
    bill('B-01', '2026-01', 10_000n, '2026-02-15'),
    bill('B-02', '2026-02', 20_000n, '2026-03-15'),
    bill('B-03', '2026-03', 30_000n, '2026-04-15'),
    bill('B-04', '2026-04', 40_000n, '2026-05-15'),
  ];
  const paid = [payment('P-1', 5_000n, '2026-03-01')];

  it('ages open amounts by days past due and counts bills due on the day or later as not due', () => {
    // As of 05-15: B-04 is due that day, B-03 30 days past due, B-02 61, B-01 89 (half paid).
    expect(positionOf(bills, paid, { asOf: '2026-05-15' })).toEqual({
      asOf: '2026-05-15',
      notDueFen: 40_000n,
      upTo30Fen: 30_000n,
      days31To90Fen: 25_000n,
      over90Fen: 0n,
      unallocatedFen: 0n,
    });
    // A day later every band moves on: 1, 31, 62 and 90 days.
    expect(positionOf(bills, paid, { asOf: '2026-05-16' })).toMatchObject({
      notDueFen: 0n,
      upTo30Fen: 40_000n,
      days31To90Fen: 55_000n,
      over90Fen: 0n,
    });
    expect(positionOf(bills, paid, { asOf: '2026-05-17' })).toMatchObject({
      days31To90Fen: 50_000n,
      over90Fen: 5_000n,
    });
  });

  it('shows credit and a negative balance when more was paid than billed', () => {
    const position = positionOf(bills.slice(0, 1), [payment('P-1', 25_000n, '2026-02-01')], {
      asOf: '2026-05-15',
    });
    expect(position).toMatchObject({
      notDueFen: 0n,
      upTo30Fen: 0n,
      days31To90Fen: 0n,
      over90Fen: 0n,
      unallocatedFen: 15_000n,
    });
    expect(balanceOf(position)).toBe(-15_000n);
    expect(balanceOf(positionOf(bills, paid, { asOf: '2026-05-15' }))).toBe(95_000n);
  });

  it('leaves out bills of later months and payments made after the day when asked to', () => {
    const position = positionOf(
      bills,
      [payment('P-1', 5_000n, '2026-03-01'), payment('P-2', 99_000n, '2026-03-02')],
      {
        asOf: '2026-03-01',
        billsThrough: '2026-02',
        paidThrough: '2026-03-01',
      },
    );
    expect(position).toEqual({
      asOf: '2026-03-01',
      notDueFen: 20_000n,
      upTo30Fen: 5_000n,
      days31To90Fen: 0n,
      over90Fen: 0n,
      unallocatedFen: 0n,
    });
  });
});

describe('month rows', () => {
  it('has one row per month from the first bill to the current month, each taken on its last day or today', () => {
    const bills = [
      bill('B-02', '2026-02', 20_000n, '2026-03-15'),
      bill('B-03', '2026-03', 30_000n, '2026-04-15'),
    ];
    const payments = [payment('P-1', 50_000n, '2026-04-20')];
    const rows = monthPositions(bills, payments, '2026-05-10');
    expect(rows.map((r) => [r.billingMonth, r.asOf])).toEqual([
      ['2026-02', '2026-02-28'],
      ['2026-03', '2026-03-31'],
      ['2026-04', '2026-04-30'],
      ['2026-05', '2026-05-10'],
    ]);
    expect(rows[0]).toMatchObject({ notDueFen: 20_000n, upTo30Fen: 0n }); // February's bill is not due at its month end
    expect(rows[1]).toMatchObject({ notDueFen: 30_000n, upTo30Fen: 20_000n }); // 16 days past due on 03-31
    expect(rows[2]).toMatchObject({ notDueFen: 0n, upTo30Fen: 0n, unallocatedFen: 0n }); // paid on 04-20
    expect(rows[3]).toMatchObject({ notDueFen: 0n, upTo30Fen: 0n, unallocatedFen: 0n });
  });

  it('takes only the months from `from` on when given one, never before the first bill', () => {
    const bills = [bill('B-02', '2026-02', 20_000n, '2026-03-15')];
    expect(monthPositions(bills, [], '2026-05-10', '2026-04').map((r) => r.billingMonth)).toEqual([
      '2026-04',
      '2026-05',
    ]);
    expect(monthPositions(bills, [], '2026-05-10', '2025-01').map((r) => r.billingMonth)).toEqual([
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
  });

  it('has none before the account has a bill, or while its only bill is for a month to come', () => {
    expect(monthPositions([], [payment('P-1', 1n, '2026-05-01')], '2026-05-10')).toEqual([]);
    expect(monthPositions([bill('B-06', '2026-06', 1n, '2026-07-15')], [], '2026-05-31')).toEqual([]);
  });

  it('knows the last day of every month', () => {
    expect(['2026-02', '2028-02', '2026-04', '2026-12'].map(lastDayOf)).toEqual([
      '2026-02-28',
      '2028-02-29',
      '2026-04-30',
      '2026-12-31',
    ]);
  });
});
