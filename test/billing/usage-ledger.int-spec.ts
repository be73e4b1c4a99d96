import type { DataSource } from 'typeorm';
import { BILLING_ENTITIES, BILLING_MIGRATIONS } from '@kaf/billing';
import { type BookableUsageEvent, UsageLedgerRepository } from '@kaf/billing/testing';
import {
  backendPid,
  createTestDatabase,
  type TestDatabase,
  waitUntilBlockedBy,
} from '../support/test-database';
import { expectEvery } from '../support/expectations';

const CUSTOMER_A = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const CUSTOMER_B = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6c';
/** Free text as billing systems send it: every character an array literal treats specially. */
const AWKWARD_IDS = ['a"b', 'back\\slash', 'comma,id', '{brace}', ' spaced ', 'NULL', '号-1', "it's"];

let sequence = 0;
function anEvent(overrides: Partial<BookableUsageEvent> = {}): BookableUsageEvent {
  const n = sequence++;
  return {
    index: n,
    eventId: `E-${n}`,
    customerId: n % 2 === 0 ? CUSTOMER_A : CUSTOMER_B,
    billingAccount: null,
    accountId: null,
    product: 'sd_wan',
    billingMonth: '2026-05',
    occurredAt: '2026-05-14T10:00:00+08:00',
    amountFen: BigInt(1000 + n),
    quantity: '1.5',
    unit: 'GB',
    supersedes: null,
    ...overrides,
  };
}

/**
 * The ledger insert against a real PostgreSQL database: a large batch goes in as all new under a
 * savepoint and falls back to ON CONFLICT when the ledger holds one of its ids; either way every
 * column arrives as sent, the ids not written are answered, and the cells hold exactly the
 * events written, to the fen.
 */
describe('usage ledger insert', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const ledger = new UsageLedgerRepository();

  beforeAll(async () => {
    db = await createTestDatabase('billing', { entities: BILLING_ENTITIES, migrations: BILLING_MIGRATIONS });
    dataSource = db.dataSource;
  });

  afterAll(() => db?.dispose());

  beforeEach(async () => {
    await dataSource.query('TRUNCATE billing_usage_event, billing_monthly_usage');
  });

  const insert = (events: BookableUsageEvent[], source = 'boss'): Promise<Set<string>> =>
    dataSource.transaction((tx) => ledger.insert(tx, source, events));

  async function cells(): Promise<Record<string, { revenue: string; quantity: string; events: number }>> {
    const rows: { customer_id: string; revenue_fen: string; quantity: string; event_count: number }[] =
      await dataSource.query(
        `SELECT customer_id, revenue_fen::text, quantity::text, event_count
           FROM billing_monthly_usage ORDER BY customer_id`,
      );
    return Object.fromEntries(
      rows.map((r) => [
        r.customer_id,
        { revenue: r.revenue_fen, quantity: r.quantity, events: r.event_count },
      ]),
    );
  }

  it.each([
    ['a large batch (all new under a savepoint)', 200],
    ['a small batch (ON CONFLICT at once)', 10],
  ])('stores every column of %s as sent', async (_, size) => {
    const events = Array.from({ length: size }, (_, i) =>
      anEvent({
        eventId: `${AWKWARD_IDS[i % AWKWARD_IDS.length]}#${i}`,
        unit: i % 3 === 0 ? null : (AWKWARD_IDS[i % AWKWARD_IDS.length]!.slice(0, 16) ?? null),
        quantity: i % 4 === 0 ? null : `${i}.25`,
        supersedes: i % 5 === 0 ? `orig "${i}", \\ {x}` : null,
        amountFen: BigInt(i % 2 === 0 ? -i * 100 : 9_999_999_999_999 - i),
        occurredAt: i % 2 === 0 ? '2026-05-14T10:00:00.123456+08:00' : '2026-05-31T23:59:59Z',
      }),
    );
    expect(await insert(events)).toEqual(new Set());

    const rows: Record<string, string | null>[] = await dataSource.query(
      `SELECT id::text, event_id, customer_id::text, product, billing_month, occurred_at, amount_fen::text,
              quantity::text, unit, supersedes
         FROM billing_usage_event ORDER BY id`,
    );
    expect(rows).toHaveLength(size);
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    for (const e of events) {
      const row = byId.get(e.eventId);
      expect(row).toMatchObject({
        customer_id: e.customerId,
        product: e.product,
        billing_month: e.billingMonth,
        amount_fen: e.amountFen.toString(),
        quantity: e.quantity,
        unit: e.unit,
        supersedes: e.supersedes,
      });
      expect(new Date(row!.occurred_at!).getTime()).toBe(Date.parse(e.occurredAt));
    }
    // The batch's ids are distinct UUIDv7s in the order they were counted out.
    const ids = rows.map((r) => r.id!);
    expect(new Set(ids).size).toBe(size);
    expectEvery(
      ids,
      (id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      'ledger ids that are UUIDv7s',
    );
  });

  it.each([
    ['large', 150],
    ['small', 20],
  ])('answers the ids the ledger held and adds only the new events to the cells (%s)', async (_, size) => {
    const first = Array.from({ length: size }, () => anEvent());
    await insert(first);
    const again = [
      ...first.slice(0, 5),
      anEvent({ customerId: CUSTOMER_A, amountFen: 700n, quantity: '2' }),
      ...first.slice(-3),
      anEvent({ customerId: CUSTOMER_B, amountFen: -300n, quantity: null }),
      ...Array.from({ length: size }, () =>
        anEvent({ customerId: CUSTOMER_A, amountFen: 1n, quantity: '0.5' }),
      ),
    ];
    const unwritten = await insert(again);
    expect(unwritten).toEqual(new Set([...first.slice(0, 5), ...first.slice(-3)].map((e) => e.eventId)));

    const sum = (events: BookableUsageEvent[], customer: string) => {
      const own = events.filter((e) => e.customerId === customer);
      return {
        revenue: own.reduce((s, e) => s + e.amountFen, 0n).toString(),
        events: own.length,
      };
    };
    const fresh = again.filter((e) => !unwritten.has(e.eventId));
    const expected = (customer: string) => {
      const a = sum(first, customer);
      const b = sum(fresh, customer);
      return { revenue: (BigInt(a.revenue) + BigInt(b.revenue)).toString(), events: a.events + b.events };
    };
    const got = await cells();
    expect(got[CUSTOMER_A]).toMatchObject(expected(CUSTOMER_A));
    expect(got[CUSTOMER_B]).toMatchObject(expected(CUSTOMER_B));
    expect(await dataSource.query('SELECT count(*)::int AS n FROM billing_usage_event')).toEqual([
      { n: first.length + fresh.length },
    ]);
  });

  it('a batch that overlaps one being written waits for it and counts the shared ids once', async () => {
    const shared = Array.from({ length: 100 }, () => anEvent({ amountFen: 10n }));
    const ownA = Array.from({ length: 10 }, () => anEvent({ amountFen: 1n }));
    const ownB = Array.from({ length: 10 }, () => anEvent({ amountFen: 2n }));
    const runnerA = dataSource.createQueryRunner();
    await runnerA.connect();
    await runnerA.startTransaction();
    try {
      expect(await ledger.insert(runnerA.manager, 'boss', [...shared, ...ownA])).toEqual(new Set());
      // B blocks on A's uncommitted ids, then finds them written once A commits.
      const b = insert([...ownB, ...shared]);
      await waitUntilBlockedBy(db, await backendPid(runnerA), 'the second batch to wait for the first');
      await runnerA.commitTransaction();
      expect(await b).toEqual(new Set(shared.map((e) => e.eventId)));
    } finally {
      await runnerA.release();
    }
    const [row] = await dataSource.query(
      `SELECT sum(revenue_fen)::text AS revenue, sum(event_count)::int AS events FROM billing_monthly_usage`,
    );
    expect(row).toEqual({ revenue: String(100 * 10 + 10 * 1 + 10 * 2), events: 120 });
  });
});
