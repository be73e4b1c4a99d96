import type { DataSource } from 'typeorm';
import type { AccessScope } from '@kaf/auth';
import type { CustomerDirectory } from '@kaf/customers';
import { BILLING_ENTITIES, BILLING_MIGRATIONS } from '@kaf/billing';
import {
  AccountPositions,
  ArrearsMonthRefresher,
  ArrearsMonthChanges,
  ArrearsMonthRepository,
  BillLedgerRepository,
  PaymentLedgerRepository,
  ReceivablesBooking,
  ReceivablesService,
  type ResolvedBill,
  type ResolvedPayment,
} from '@kaf/billing/testing';
import {
  backendPid,
  createTestDatabase,
  type TestDatabase,
  waitUntilBlockedBy,
} from '../support/test-database';

const ACCOUNT_1 = '0190a3b4-5c6d-7e8f-9a0b-000000000001';
const ACCOUNT_2 = '0190a3b4-5c6d-7e8f-9a0b-000000000002';
const ACCOUNT_3 = '0190a3b4-5c6d-7e8f-9a0b-000000000003';
const CUSTOMER_A = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const CUSTOMER_B = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6c';
/** 12:00 on 2026-05-20 in Shanghai. */
const NOW = new Date('2026-05-20T04:00:00Z');

let sequence = 0;
function aBill(overrides: Partial<ResolvedBill> = {}): ResolvedBill {
  const n = sequence++;
  return {
    index: n,
    eventId: `B-${n}`,
    billingAccount: 'GZ-1',
    billingMonth: '2026-03',
    amountDueFen: 10_000n,
    dueDate: '2026-04-15',
    issuedAt: null,
    supersedes: null,
    accountId: ACCOUNT_1,
    customerId: CUSTOMER_A,
    ...overrides,
  };
}

function aPayment(overrides: Partial<ResolvedPayment> = {}): ResolvedPayment {
  const n = sequence++;
  return {
    index: n,
    eventId: `P-${n}`,
    billingAccount: 'GZ-1',
    amountFen: 1_000n,
    paidOn: '2026-05-01',
    billingMonth: null,
    supersedes: null,
    accountId: ACCOUNT_1,
    customerId: CUSTOMER_A,
    ...overrides,
  };
}

/**
 * Bills and payments booked against a real PostgreSQL database: dedupe per source and event id,
 * corrections by `supersedes` (once, same source and kind), and the month rows recomputed in the
 * same transaction, with the listeners told which customers' months changed.
 */
describe('receivables booking', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let booking: ReceivablesBooking;
  let positions: AccountPositions;
  let refresher: ArrearsMonthRefresher;
  let views: ReceivablesService;
  const told: { customerId: string; billingMonth: string }[][] = [];

  beforeAll(async () => {
    db = await createTestDatabase('receivables', {
      entities: BILLING_ENTITIES,
      migrations: BILLING_MIGRATIONS,
    });
    dataSource = db.dataSource;
    const bills = new BillLedgerRepository(dataSource);
    const payments = new PaymentLedgerRepository(dataSource);
    const changes = new ArrearsMonthChanges();
    changes.onChanged(async (tx, list) => {
      // In the booking transaction: the rows it announces are visible here.
      const [row] = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM billing_arrears_month`);
      expect(row!.n).toBeGreaterThan(0);
      told.push([...list]);
    });
    const months = new ArrearsMonthRepository(dataSource);
    positions = new AccountPositions(bills, payments, months, changes);
    refresher = new ArrearsMonthRefresher(dataSource, months, positions);
    // Scoping is the directory's (and its own suites'); here every customer is in reach.
    const directory = { requireInScope: (_scope: AccessScope, id: string) => Promise.resolve({ id }) };
    views = new ReceivablesService(bills, payments, directory as unknown as CustomerDirectory);
    booking = new ReceivablesBooking(bills, payments, positions);
  });

  afterAll(() => db?.dispose());

  beforeEach(async () => {
    await dataSource.query('TRUNCATE billing_bill, billing_payment, billing_arrears_month');
    told.length = 0;
  });

  const bookBills = (events: ResolvedBill[], source = 'boss', now = NOW) =>
    dataSource.transaction((tx) => booking.bookBills(tx, source, events, now));
  const bookPayments = (events: ResolvedPayment[], source = 'boss', now = NOW) =>
    dataSource.transaction((tx) => booking.bookPayments(tx, source, events, now));

  async function months(accountId = ACCOUNT_1): Promise<Record<string, string[]>> {
    const rows: { billing_month: string; customer_id: string; as_of: string; fen: string[] }[] =
      await dataSource.query(
        `SELECT billing_month, customer_id::text, to_char(as_of, 'YYYY-MM-DD') AS as_of,
              ARRAY[not_due_fen, up_to_30_fen, days_31_to_90_fen, over_90_fen, unallocated_fen]::text[] AS fen
         FROM billing_arrears_month WHERE account_id = $1 ORDER BY billing_month`,
        [accountId],
      );
    return Object.fromEntries(rows.map((r) => [r.billing_month, [r.as_of, ...r.fen]]));
  }

  it('books bills once per source and event id and keeps one month row per month up to today', async () => {
    const march = aBill({ eventId: 'B-MAR' });
    const april = aBill({
      eventId: 'B-APR',
      billingMonth: '2026-04',
      amountDueFen: 20_000n,
      dueDate: '2026-05-15',
    });
    expect(await bookBills([march, april])).toEqual([
      { index: march.index, eventId: 'B-MAR', status: 'accepted' },
      { index: april.index, eventId: 'B-APR', status: 'accepted' },
    ]);
    // [as_of, not due, ≤30, 31–90, >90, unallocated]
    expect(await months()).toEqual({
      '2026-03': ['2026-03-31', '10000', '0', '0', '0', '0'],
      '2026-04': ['2026-04-30', '20000', '10000', '0', '0', '0'],
      '2026-05': ['2026-05-20', '0', '20000', '10000', '0', '0'],
    });
    expect(told).toEqual([
      expect.arrayContaining([
        { customerId: CUSTOMER_A, billingMonth: '2026-03' },
        { customerId: CUSTOMER_A, billingMonth: '2026-04' },
        { customerId: CUSTOMER_A, billingMonth: '2026-05' },
      ]),
    ]);

    told.length = 0;
    const again = await bookBills([
      { ...march, index: 0 },
      aBill({ eventId: 'B-MAR', amountDueFen: 1n, index: 1 }),
    ]);
    expect(again.map((v) => v.status)).toEqual(['duplicate', 'duplicate']);
    // Another source's event of the same id is its own.
    expect((await bookBills([aBill({ eventId: 'B-MAR', accountId: ACCOUNT_2 })], 'crm'))[0]!.status).toBe(
      'accepted',
    );
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM billing_bill`)).toEqual([{ n: 3 }]);
    // The duplicates changed nothing; the other source's bill is another account's three months.
    expect(told).toHaveLength(1);
    expect(told[0]).toHaveLength(3);
  });

  it('allocates payments: a named bill first, the rest to the oldest open bill, the excess kept as credit', async () => {
    await bookBills([
      aBill({ eventId: 'B-MAR' }),
      aBill({ eventId: 'B-APR', billingMonth: '2026-04', amountDueFen: 20_000n, dueDate: '2026-05-15' }),
    ]);
    await bookPayments([
      aPayment({ eventId: 'P-1', amountFen: 25_000n, paidOn: '2026-05-18', billingMonth: '2026-04' }),
    ]);
    expect((await months())['2026-05']).toEqual(['2026-05-20', '0', '0', '5000', '0', '0']);

    await bookPayments([aPayment({ eventId: 'P-2', amountFen: 12_000n, paidOn: '2026-05-19' })]);
    expect((await months())['2026-05']).toEqual(['2026-05-20', '0', '0', '0', '0', '7000']);

    // The credit settles a bill that comes later.
    await bookBills([
      aBill({ eventId: 'B-MAY', billingMonth: '2026-05', amountDueFen: 9_000n, dueDate: '2026-06-15' }),
    ]);
    expect((await months())['2026-05']).toEqual(['2026-05-20', '2000', '0', '0', '0', '0']);
  });

  it('replaces a corrected bill or payment once, and recomputes from the correction', async () => {
    await bookBills([aBill({ eventId: 'B-1', amountDueFen: 10_000n })]);
    await bookPayments([aPayment({ eventId: 'P-1', amountFen: 4_000n })]);
    const verdicts = await bookBills([
      aBill({ eventId: 'B-1c', amountDueFen: 3_000n, supersedes: 'B-1' }),
      aBill({ eventId: 'B-1d', amountDueFen: 2_000n, supersedes: 'B-1' }),
      aBill({ eventId: 'B-x', supersedes: 'nothing' }),
    ]);
    expect(verdicts.map((v) => (v.status === 'rejected' ? v.reason : v.status))).toEqual([
      'accepted',
      'supersedes: event B-1 is already superseded by B-1c',
      'supersedes: no earlier event nothing from this source',
    ]);
    expect((await months())['2026-05']).toEqual(['2026-05-20', '0', '0', '0', '0', '1000']);

    // A payment corrected to a negative amount (a reversal) reopens the bill.
    expect(
      (await bookPayments([aPayment({ eventId: 'P-1c', amountFen: -500n, supersedes: 'P-1' })]))[0]!.status,
    ).toBe('accepted');
    expect((await months())['2026-05']).toEqual(['2026-05-20', '0', '0', '3000', '0', '-500']);
    // A bill's id never corrects a payment: the kinds are apart.
    expect((await bookPayments([aPayment({ eventId: 'P-9', supersedes: 'B-1c' })]))[0]).toMatchObject({
      status: 'rejected',
      reason: 'supersedes: no earlier event B-1c from this source',
    });
  });

  it('drops the rows of months before the first bill when a correction moves it later', async () => {
    await bookBills([aBill({ eventId: 'B-FEB', billingMonth: '2026-02', dueDate: '2026-03-15' })]);
    await bookPayments([aPayment({ eventId: 'P-1', amountFen: 500n, paidOn: '2026-05-02' })]);
    expect(Object.keys(await months())).toEqual(['2026-02', '2026-03', '2026-04', '2026-05']);
    told.length = 0;
    await bookBills([
      aBill({ eventId: 'B-APR', billingMonth: '2026-04', dueDate: '2026-05-15', supersedes: 'B-FEB' }),
    ]);
    expect(await months()).toEqual({
      '2026-04': ['2026-04-30', '10000', '0', '0', '0', '0'],
      '2026-05': ['2026-05-20', '0', '9500', '0', '0', '0'],
    });
    expect(told[0]).toEqual(
      expect.arrayContaining(
        ['2026-02', '2026-03', '2026-04', '2026-05'].map((billingMonth) => ({
          customerId: CUSTOMER_A,
          billingMonth,
        })),
      ),
    );
  });

  it('moves a month row to the account’s new holder and tells both customers', async () => {
    await bookBills([aBill({ eventId: 'B-MAR' })]);
    told.length = 0;
    await bookBills([
      aBill({ eventId: 'B-APR', billingMonth: '2026-04', customerId: CUSTOMER_B, dueDate: '2026-05-15' }),
    ]);
    const rows: { billing_month: string; customer_id: string }[] = await dataSource.query(
      `SELECT billing_month, customer_id::text FROM billing_arrears_month ORDER BY billing_month`,
    );
    expect(rows).toEqual([
      { billing_month: '2026-03', customer_id: CUSTOMER_A },
      { billing_month: '2026-04', customer_id: CUSTOMER_B },
      { billing_month: '2026-05', customer_id: CUSTOMER_B },
    ]);
    expect(told[0]).toEqual(
      expect.arrayContaining([
        { customerId: CUSTOMER_A, billingMonth: '2026-04' },
        { customerId: CUSTOMER_B, billingMonth: '2026-04' },
        { customerId: CUSTOMER_A, billingMonth: '2026-05' },
        { customerId: CUSTOMER_B, billingMonth: '2026-05' },
      ]),
    );
    expect(told[0]).not.toContainEqual({ customerId: CUSTOMER_A, billingMonth: '2026-03' });
  });

  it('takes the day turning: the current month row moves on, and only changed figures are announced', async () => {
    await bookBills([aBill({ eventId: 'B-APR', billingMonth: '2026-04', dueDate: '2026-05-20' })]);
    expect((await months())['2026-05']).toEqual(['2026-05-20', '10000', '0', '0', '0', '0']);
    told.length = 0;
    await dataSource.transaction((tx) => positions.recompute(tx, [ACCOUNT_1], '2026-05-21'));
    expect((await months())['2026-05']).toEqual(['2026-05-21', '0', '10000', '0', '0', '0']);
    expect(told).toEqual([[{ customerId: CUSTOMER_A, billingMonth: '2026-05' }]]);

    told.length = 0;
    await dataSource.transaction((tx) => positions.recompute(tx, [ACCOUNT_1], '2026-05-22'));
    expect((await months())['2026-05']![0]).toBe('2026-05-22');
    expect(told).toEqual([]);
    // A new month adds its row.
    await dataSource.transaction((tx) => positions.recompute(tx, [ACCOUNT_1], '2026-06-01'));
    expect(Object.keys(await months())).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('refreshes, when the day turns, exactly the accounts whose rows were taken before today', async () => {
    await bookBills([
      aBill({ eventId: 'B-1', billingMonth: '2026-04', dueDate: '2026-05-20' }),
      aBill({ eventId: 'B-2', accountId: ACCOUNT_2, customerId: CUSTOMER_B, dueDate: '2026-04-15' }),
      // Its month has not begun: no rows yet, until it does.
      aBill({ eventId: 'B-3', accountId: ACCOUNT_3, billingMonth: '2026-06', dueDate: '2026-07-15' }),
    ]);
    expect(await refresher.refresh(NOW)).toBe(0);
    told.length = 0;

    expect(await refresher.refresh(new Date('2026-05-20T16:00:00Z'))).toBe(2); // 00:00 on 05-21 in Shanghai
    expect((await months(ACCOUNT_1))['2026-05']).toEqual(['2026-05-21', '0', '10000', '0', '0', '0']);
    expect((await months(ACCOUNT_2))['2026-05']![0]).toBe('2026-05-21');
    // Only account 1's figures changed (its bill fell due); account 2 is as overdue as it was.
    expect(told).toEqual([[{ customerId: CUSTOMER_A, billingMonth: '2026-05' }]]);
    expect(await refresher.refresh(new Date('2026-05-21T04:00:00Z'))).toBe(0);

    expect(await refresher.refresh(new Date('2026-06-01T04:00:00Z'))).toBe(3);
    expect(Object.keys(await months(ACCOUNT_3))).toEqual(['2026-06']);
    expect(Object.keys(await months(ACCOUNT_1))).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('books a batch larger than one round in rounds, a correction in a later round finding its original', async () => {
    const events = Array.from({ length: 1_500 }, (_, i) =>
      aBill({ eventId: `BULK-${i}`, amountDueFen: 1n, accountId: i % 2 === 0 ? ACCOUNT_1 : ACCOUNT_2 }),
    );
    events.push(aBill({ eventId: 'BULK-fix', amountDueFen: 11n, supersedes: 'BULK-0' }));
    const verdicts = await bookBills(events);
    expect(verdicts.filter((v) => v.status === 'accepted')).toHaveLength(1_501);
    expect((await months(ACCOUNT_1))['2026-05']).toEqual(['2026-05-20', '0', '0', '760', '0', '0']);
    expect((await months(ACCOUNT_2))['2026-05']).toEqual(['2026-05-20', '0', '0', '750', '0', '0']);
  });

  it('serialises two batches of one account: the second waits and derives from both', async () => {
    const runnerA = dataSource.createQueryRunner();
    await runnerA.connect();
    await runnerA.startTransaction();
    try {
      await booking.bookBills(runnerA.manager, 'boss', [aBill({ eventId: 'B-A', amountDueFen: 100n })], NOW);
      const b = bookPayments([aPayment({ eventId: 'P-B', amountFen: 30n })]);
      await waitUntilBlockedBy(db, await backendPid(runnerA), 'the second batch to wait for the first');
      await runnerA.commitTransaction();
      expect((await b)[0]!.status).toBe('accepted');
    } finally {
      await runnerA.release();
    }
    expect((await months())['2026-05']).toEqual(['2026-05-20', '0', '0', '70', '0', '0']);
  });

  describe('views as of today', () => {
    const scope = {} as AccessScope;

    beforeEach(async () => {
      await bookBills([
        aBill({ eventId: 'B-MAR', dueDate: '2026-04-15' }),
        aBill({ eventId: 'B-APR', billingMonth: '2026-04', amountDueFen: 20_000n, dueDate: '2026-05-15' }),
        aBill({ eventId: 'B-MAY', billingMonth: '2026-05', amountDueFen: 5_000n, dueDate: '2026-06-15' }),
        aBill({ eventId: 'B-APRx', billingMonth: '2026-04', amountDueFen: 1n, dueDate: '2026-05-15' }),
        aBill({
          eventId: 'B-APRy',
          billingMonth: '2026-04',
          amountDueFen: 2n,
          dueDate: '2026-05-15',
          supersedes: 'B-APRx',
        }),
      ]);
      await bookPayments([
        aPayment({ eventId: 'P-1', amountFen: 12_000n, paidOn: '2026-05-10' }),
        aPayment({ eventId: 'P-2', amountFen: 2n, paidOn: '2026-05-11', billingMonth: '2026-05' }),
      ]);
    });

    it('lists bills with what is paid, open and overdue, corrected ones left out', async () => {
      const bills = await views.billsOf(scope, CUSTOMER_A, {}, NOW);
      expect(bills.map((b) => [b.eventId, b.paidFen, b.openFen, b.daysOverdue, b.status])).toEqual([
        ['B-MAR', '10000', '0', 0, 'paid'],
        ['B-APR', '2000', '18000', 5, 'overdue'],
        ['B-APRy', '0', '2', 5, 'overdue'],
        ['B-MAY', '2', '4998', 0, 'open'],
      ]);
      expect(bills[1]).toEqual({
        eventId: 'B-APR',
        billingAccount: 'GZ-1',
        billingMonth: '2026-04',
        amountDueFen: '20000',
        paidFen: '2000',
        openFen: '18000',
        dueDate: '2026-05-15',
        daysOverdue: 5,
        status: 'overdue',
      });
      expect(
        (await views.billsOf(scope, CUSTOMER_A, { status: 'overdue' }, NOW)).map((b) => b.eventId),
      ).toEqual(['B-APR', 'B-APRy']);
      expect(
        (await views.billsOf(scope, CUSTOMER_A, { month: '2026-04', status: 'paid' }, NOW)).map(
          (b) => b.eventId,
        ),
      ).toEqual([]);
      expect((await views.billsOf(scope, CUSTOMER_A, { status: 'paid' }, NOW)).map((b) => b.eventId)).toEqual(
        ['B-MAR'],
      );
      expect(await views.billsOf(scope, CUSTOMER_B, {}, NOW)).toEqual([]);
    });

    it('lists payments latest first with what each settled and its rest', async () => {
      await bookPayments([aPayment({ eventId: 'P-3', amountFen: 30_000n, paidOn: '2026-05-19' })]);
      const payments = await views.paymentsOf(scope, CUSTOMER_A);
      expect(
        payments.map((p) => [
          p.eventId,
          p.settled.map((s) => `${s.billEventId}:${s.amountFen}`),
          p.unallocatedFen,
        ]),
      ).toEqual([
        ['P-3', ['B-APR:18000', 'B-APRy:2', 'B-MAY:4998'], '7000'],
        ['P-2', ['B-MAY:2'], '0'],
        ['P-1', ['B-MAR:10000', 'B-APR:2000'], '0'],
      ]);
    });

    it('gives each account its balance, and a zero one to an account with nothing booked', async () => {
      const balances = await dataSource.transaction((tx) => views.balances(tx, [ACCOUNT_1, ACCOUNT_3], NOW));
      expect(balances.get(ACCOUNT_1)).toEqual({
        balanceFen: '23000',
        notDueFen: '4998',
        arrears: { upTo30Fen: '18002', days31To90Fen: '0', over90Fen: '0', totalFen: '18002' },
        unallocatedFen: '0',
        asOf: '2026-05-20',
      });
      expect(balances.get(ACCOUNT_3)).toMatchObject({
        balanceFen: '0',
        unallocatedFen: '0',
        asOf: '2026-05-20',
      });
    });
  });
});
