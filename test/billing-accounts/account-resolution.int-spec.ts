import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  BILLING_ACCOUNTS_ENTITIES,
  BILLING_ACCOUNTS_MIGRATIONS,
  BillingAccountDirectory,
  BillingAccountRoutes,
} from '@kaf/billing-accounts';
import { BillingAccountRepository, ReportedBillingAccountRepository } from '@kaf/billing-accounts/testing';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { expectEvery } from '../support/expectations';

const SOURCE = 'boss-billing';
const ALICE = randomUUID();
const BOB = randomUUID();

/**
 * The city's resolution of (account number, month) to account and holder, and the province's
 * routing of the same keys to a city, against a real PostgreSQL database: one statement for
 * thousands of references, answers in the order asked, the month rules of the design.
 */
describe('billing account resolution and routing', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const directory = new BillingAccountDirectory(new BillingAccountRepository());
  const reported = new ReportedBillingAccountRepository();
  const routes = new BillingAccountRoutes(reported);

  beforeAll(async () => {
    db = await createTestDatabase('billing_accounts', {
      entities: BILLING_ACCOUNTS_ENTITIES,
      migrations: BILLING_ACCOUNTS_MIGRATIONS,
    });
    dataSource = db.dataSource;
  });

  afterAll(() => db?.dispose());

  beforeEach(async () => {
    await dataSource.query('TRUNCATE billing_account, billing_account_holder, reported_billing_account');
  });

  /** An account with holder rows `[fromMonth, customer]`, the first from the opening month. */
  async function anAccount(
    number: string,
    openedOn: string,
    closedOn: string | null,
    holders: [string, string][],
    source = SOURCE,
  ): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO billing_account (id, city_code, customer_id, source, account_number, opened_on, closed_on, version)
       VALUES ($1, '440300', $2, $3, $4, $5, $6, 1)`,
      [id, holders[holders.length - 1]![1], source, number, openedOn, closedOn],
    );
    for (const [fromMonth, customerId] of holders) {
      await dataSource.query(
        `INSERT INTO billing_account_holder (account_id, from_month, customer_id) VALUES ($1, $2, $3)`,
        [id, fromMonth, customerId],
      );
    }
    return id;
  }

  it('answers each reference in order with the holder of its month, or the field at fault', async () => {
    const moved = await anAccount('4403-0000001', '2026-03-15', null, [
      ['2026-03', ALICE],
      ['2026-07', BOB],
    ]);
    const closed = await anAccount('4403-0000002', '2026-01-01', '2026-05-31', [['2026-01', ALICE]]);
    await anAccount('4403-0000003', '2026-01-01', null, [['2026-01', BOB]], 'other-billing');

    const answers = await dataSource.transaction((tx) =>
      directory.resolve(tx, SOURCE, [
        { accountNumber: '4403-0000001', month: '2026-06' },
        { accountNumber: '4403-0000001', month: '2026-07' },
        { accountNumber: '4403-0000002', month: '2026-05' },
        { accountNumber: '4403-0000002', month: '2026-06' },
        { accountNumber: '4403-0000001', month: '2026-02' },
        { accountNumber: '4403-0000003', month: '2026-06' },
        { accountNumber: '4403-0000001', month: 'June' },
        { accountNumber: '4403-0000001', month: '2031-01' },
      ]),
    );
    expect(answers).toEqual([
      { ok: true, accountId: moved, customerId: ALICE },
      { ok: true, accountId: moved, customerId: BOB },
      { ok: true, accountId: closed, customerId: ALICE },
      {
        ok: false,
        field: 'billingMonth',
        reason: 'billingMonth: 2026-06 is after account 4403-0000002 was closed (2026-05-31)',
      },
      {
        ok: false,
        field: 'billingMonth',
        reason: 'billingMonth: 2026-02 is before account 4403-0000001 was opened (2026-03-15)',
      },
      {
        ok: false,
        field: 'billingAccount',
        reason: `billingAccount: 4403-0000003 is not an account of ${SOURCE} in this city`,
      },
      { ok: false, field: 'billingMonth', reason: 'billingMonth: June is not a month (YYYY-MM)' },
      { ok: true, accountId: moved, customerId: BOB },
    ]);
  });

  it('resolves 5,000 references in one statement', async () => {
    const ids = new Map<string, string>();
    for (let i = 0; i < 50; i++) {
      const number = `4403-${String(i).padStart(7, '0')}`;
      ids.set(number, await anAccount(number, '2026-01-10', null, [['2026-01', i % 2 ? ALICE : BOB]]));
    }
    const refs = Array.from({ length: 5000 }, (_, i) => ({
      accountNumber: `4403-${String(i % 60).padStart(7, '0')}`,
      month: `2026-0${1 + (i % 9)}`,
    }));
    let statements = 0;
    const answers = await dataSource.transaction(async (tx) => {
      const query = tx.query.bind(tx);
      tx.query = ((...args: Parameters<typeof query>) => {
        statements++;
        return query(...args);
      }) as typeof tx.query;
      return directory.resolve(tx, SOURCE, refs);
    });
    expect(statements).toBe(1);
    expect(answers).toHaveLength(refs.length);
    const pairs = answers.map((answer, i) => ({ answer, ref: refs[i]!, n: i % 60 }));
    expectEvery(
      pairs.filter((p) => p.n < 50),
      (p) => p.answer.ok && p.answer.accountId === ids.get(p.ref.accountNumber),
      'known numbers resolve to their account, in the order asked',
    );
    expectEvery(
      pairs.filter((p) => p.n >= 50),
      (p) => !p.answer.ok && p.answer.field === 'billingAccount',
      'unknown numbers are refused naming billingAccount',
    );
  });

  it('routes each month to the city holding the account, the newest copy winning', async () => {
    const copy = (cityCode: string, openedOn: string, closedOn: string | null, version = 1) => ({
      accountId: randomUUID(),
      cityCode,
      version,
      source: SOURCE,
      accountNumber: '4403-0000009',
      openedOn,
      closedOn,
      paidByAccount: null,
      holders: [{ fromMonth: openedOn.slice(0, 7), customerId: ALICE }],
    });
    const shenzhen = copy('440300', '2026-01-05', '2026-04-10');
    const guangzhou = copy('440100', '2026-04-11', null);
    await dataSource.transaction(async (tx) => {
      expect(await reported.upsert(tx, shenzhen)).toBe(true);
      expect(await reported.upsert(tx, guangzhou)).toBe(true);
      // An older version and a copy claimed by another city change nothing.
      expect(await reported.upsert(tx, { ...shenzhen, closedOn: null, version: 0 })).toBe(false);
      expect(await reported.upsert(tx, { ...guangzhou, cityCode: '440300', version: 5 })).toBe(false);
    });
    const months = ['2025-12', '2026-01', '2026-03', '2026-04', '2026-05', '2030-01', 'bad'];
    const routed = await dataSource.transaction((tx) =>
      routes.route(tx, SOURCE, [
        ...months.map((month) => ({ accountNumber: '4403-0000009', month })),
        { accountNumber: 'none', month: '2026-05' },
      ]),
    );
    expect(routed).toEqual([
      undefined,
      '440300',
      '440300',
      '440100',
      '440100',
      '440100',
      undefined,
      undefined,
    ]);
    const other = await dataSource.transaction((tx) =>
      routes.route(tx, 'other-billing', [{ accountNumber: '4403-0000009', month: '2026-05' }]),
    );
    expect(other).toEqual([undefined]);
  });
});
