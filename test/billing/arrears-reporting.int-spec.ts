import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { BILLING_ENTITIES, BILLING_MIGRATIONS } from '@kaf/billing';
import {
  ArrearsCellsRepository,
  ArrearsMonthChanges,
  CityArrearsSource,
  usageReportingPace,
} from '@kaf/billing/testing';
import { CustomerArrearsCellSchema } from '@kaf/contracts';
import { type OutgoingCell, UpwardFigures } from '@kaf/upward-figures';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const CITY = '440300';
const C1 = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a61';
const C2 = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a62';

/**
 * The city's arrears source against a real PostgreSQL database, driven as the receivables drive
 * it: month rows written and `ArrearsMonthChanges.notify` called in the same transaction. The
 * customer-months told of wait for the reporter; a take sums their rows and marks them taken; a
 * later change brings a cell back at a higher version; a rolled-back booking marks nothing.
 */
describe('city arrears source', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const changes = new ArrearsMonthChanges();
  const figures = new UpwardFigures();
  const source = new CityArrearsSource(
    figures,
    changes,
    new ArrearsCellsRepository(),
    usageReportingPace(200),
    { code: CITY, name: 'Shenzhen', tier: 'city', version: 'test', startedAt: new Date() },
  );

  beforeAll(async () => {
    db = await createTestDatabase('arrears', { entities: BILLING_ENTITIES, migrations: BILLING_MIGRATIONS });
    dataSource = db.dataSource;
    source.onModuleInit();
  });

  afterAll(() => db?.dispose());

  /** Writes (or rewrites) an account's month row and tells the listeners, in one transaction. */
  const book = (
    rows: {
      account: string;
      customer: string;
      month: string;
      upTo30?: number;
      over90?: string;
      notDue?: number;
    }[],
    rollBack = false,
  ): Promise<void> =>
    dataSource
      .transaction(async (tx) => {
        for (const r of rows) {
          await tx.query(
            `INSERT INTO billing_arrears_month
               (account_id, billing_month, customer_id, as_of, up_to_30_fen, over_90_fen, not_due_fen)
             VALUES ($1, $2, $3, CURRENT_DATE, $4, $5, $6)
             ON CONFLICT (account_id, billing_month) DO UPDATE SET
               up_to_30_fen = excluded.up_to_30_fen, over_90_fen = excluded.over_90_fen,
               not_due_fen = excluded.not_due_fen, changed_at = now()`,
            [r.account, r.month, r.customer, r.upTo30 ?? 0, r.over90 ?? 0, r.notDue ?? 0],
          );
        }
        await changes.notify(
          tx,
          rows.map((r) => ({ customerId: r.customer, billingMonth: r.month })),
        );
        if (rollBack) throw new Error('the booking failed');
      })
      .catch((error: unknown) => {
        if (!rollBack) throw error;
      });

  const waiting = () => dataSource.transaction((tx) => source.waiting(tx));
  const take = () => dataSource.transaction((tx) => source.take(tx, 100));
  const bodyOf = (cell: OutgoingCell) => fromBinary(CustomerArrearsCellSchema, cell.body);

  it('registers itself as the arrears source', () => {
    expect(figures.sourceOf('arrears')).toBe(source);
  });

  it('reports each customer-month told of once, summed over its accounts', async () => {
    const [a1, a2, b1] = [randomUUID(), randomUUID(), randomUUID()];
    await book([
      { account: a1, customer: C1, month: '2026-05', upTo30: 100, notDue: 7 },
      { account: a2, customer: C1, month: '2026-05', over90: '9007199254740993' },
      { account: b1, customer: C2, month: '2026-05', notDue: 50 },
    ]);
    expect(await waiting()).toBe(2);
    const cells = await take();
    // In key order: month, then customer.
    expect(cells.map((c) => [c.cityCode, c.billingMonth, c.key, c.version])).toEqual([
      [CITY, '2026-05', C1, 1n],
      [CITY, '2026-05', C2, 1n],
    ]);
    expect(bodyOf(cells.find((c) => c.key === C1)!)).toMatchObject({
      customerId: C1,
      upTo30Fen: 100n,
      over90Fen: 9_007_199_254_740_993n,
      notDueFen: 7n,
      accounts: 2,
    });
    expect(await waiting()).toBe(0);
    expect(await take()).toEqual([]);
  });

  it('brings a changed cell back at a higher version, and marks nothing for a rolled-back booking', async () => {
    const rows = await dataSource.query<{ account_id: string }[]>(
      `SELECT account_id FROM billing_arrears_month WHERE customer_id = $1`,
      [C2],
    );
    await book(
      [{ account: rows[0]!.account_id, customer: C2, month: '2026-05', notDue: 0, upTo30: 50 }],
      true,
    );
    expect(await waiting()).toBe(0);
    await book([{ account: rows[0]!.account_id, customer: C2, month: '2026-05', notDue: 0, upTo30: 50 }]);
    const [cell] = await take();
    expect([cell!.key, cell!.version]).toEqual([C2, 2n]);
    expect(bodyOf(cell!)).toMatchObject({ upTo30Fen: 50n, notDueFen: 0n, accounts: 1 });
  });

  it('answers totals per month from the rows, and a resync marks every cell of the months again', async () => {
    const totals = await dataSource.transaction((tx) => source.totals(tx, ['2026-05', '2026-04']));
    expect(totals).toEqual([
      {
        cityCode: CITY,
        billingMonth: '2026-05',
        figures: {
          arrearsFen: 9_007_199_254_741_143n,
          upTo30Fen: 150n,
          days31To90Fen: 0n,
          over90Fen: 9_007_199_254_740_993n,
          notDueFen: 7n,
          unallocatedFen: 0n,
          accounts: 3n,
          cells: 2n,
        },
      },
    ]);
    const marked = await dataSource.transaction((tx) =>
      source.resend(tx, { billingMonths: ['2026-05'], cityCodes: [] }),
    );
    expect(marked).toBe(2);
    expect((await take()).map((c) => [c.key, c.version])).toEqual([
      [C1, 2n],
      [C2, 3n],
    ]);
  });
});
