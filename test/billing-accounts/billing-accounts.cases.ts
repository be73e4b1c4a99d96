import { randomUUID } from 'node:crypto';
import { tokenFor } from '../support/auth';
import { customerBody } from '../support/builders';
import { expectEvery } from '../support/expectations';
import type { FederationFixture } from '../support/federation-fixture';
import type { HttpResponse, NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

interface Account {
  id: string;
  customerId: string;
  source: string;
  accountNumber: string;
  openedOn: string;
  closedOn: string | null;
  paidByAccount: string | null;
  holders: { fromMonth: string; customerId: string }[];
  version: number;
}
interface Routed {
  accountId: string;
  cityCode: string;
  version: number;
  accountNumber: string;
  closedOn: string | null;
}
interface Problem {
  status: number;
  errors?: { field: string; line?: number }[];
}

const SOURCE = 'boss-billing';
const fieldsOf = (res: HttpResponse<unknown>): string[] =>
  ((res.body as Problem).errors ?? []).map((e) => e.field).sort();
let serial = 0;
/** A fresh account number of the demo shape, e.g. 4403-0123456. */
const aNumber = (prefix = '4403') => `${prefix}-${String(Date.now() % 1e5).padStart(5, '0')}${serial++}`;

/**
 * Billing accounts on a small federation (440000 with 440300 and 440100 as real processes):
 * REST at the city with its refusals, transfers by month, closing, the CSV import, and the
 * province's read model routing each month of an account to the city that holds it. Runs on the
 * federation of test/billing/province-billing.e2e-spec.ts, its nodes started; the counts it takes
 * over all of a city's accounts are compared before and after, or with the province's copies.
 */
export const billingAccountsCases = (fed: FederationFixture): void =>
  describe('billing accounts', () => {
    let province: NodeProcess;
    let shenzhen: NodeProcess;
    let guangzhou: NodeProcess;
    let admin: string;
    let gzAdmin: string;
    let analyst: string;
    let alice: { id: string; creditCode: string };
    let bob: { id: string; creditCode: string };
    let carol: { id: string };

    beforeAll(async () => {
      province = fed.node('440000');
      shenzhen = fed.node('440300');
      guangzhou = fed.node('440100');
      admin = await tokenFor({ roles: 'city_admin', node: '440300' });
      gzAdmin = await tokenFor({ roles: 'city_admin', node: '440100' });
      analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
      const customer = async (node: NodeProcess, token: string) => {
        const res = await node.request<{ id: string; creditCode: string }>('POST', '/api/v1/customers', {
          token,
          body: customerBody(),
        });
        if (res.status !== 201) throw new Error(`customer: ${res.status} ${res.text}`);
        return res.body;
      };
      alice = await customer(shenzhen, admin);
      bob = await customer(shenzhen, admin);
      carol = await customer(guangzhou, gzAdmin);
    }, 60_000);

    const accountsOf = (customerId: string) => `/api/v1/customers/${customerId}/billing-accounts`;
    const create = (customerId: string, body: Record<string, unknown>, node = shenzhen, token = admin) =>
      node.request<Account>('POST', accountsOf(customerId), { token, body });
    async function created(
      customerId: string,
      body: Record<string, unknown> = {},
      node = shenzhen,
      token = admin,
    ) {
      const res = await create(
        customerId,
        { source: SOURCE, accountNumber: aNumber(), openedOn: '2026-01-15', ...body },
        node,
        token,
      );
      expect(res.status).toBe(201);
      return res.body;
    }
    const patch = (
      customerId: string,
      accountId: string,
      body: Record<string, unknown>,
      node = shenzhen,
      token = admin,
    ) =>
      node.request<Account>('PATCH', `${accountsOf(customerId)}/${accountId}`, {
        token,
        rawBody: JSON.stringify(body),
        headers: { 'content-type': 'application/merge-patch+json' },
      });
    const transfer = (customerId: string, accountId: string, body: Record<string, unknown>) =>
      shenzhen.request<Account>('POST', `${accountsOf(customerId)}/${accountId}/transfers`, {
        token: admin,
        body,
      });
    const list = (customerId: string) =>
      shenzhen.request<Account[]>('GET', accountsOf(customerId), { token: admin });
    const routes = (query: string) =>
      province.request<Routed[]>('GET', `/api/v1/billing-accounts?${query}`, { token: analyst });
    const audited = (action: string, id: string) =>
      fed.count('440300', 'SELECT count(*) AS n FROM audit_entry WHERE action = $1 AND resource_id = $2', [
        action,
        id,
      ]);

    it('registers an account at version 1 with its first holder, audited and listed', async () => {
      const number = aNumber();
      const res = await create(alice.id, {
        source: SOURCE,
        accountNumber: number,
        openedOn: '2026-03-15',
        paidByAccount: '4403-GROUP01',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        customerId: alice.id,
        source: SOURCE,
        accountNumber: number,
        openedOn: '2026-03-15',
        closedOn: null,
        paidByAccount: '4403-GROUP01',
        version: 1,
        holders: [{ fromMonth: '2026-03', customerId: alice.id }],
      });
      expect(await audited('billing-account.create', res.body.id)).toBe(1);
      const listed = await list(alice.id);
      expect(listed.status).toBe(200);
      expect(listed.body.map((a) => a.id)).toContain(res.body.id);
      expect(Number(listed.headers.get('x-total-count'))).toBe(listed.body.length);
    });

    it('answers 409 for a number the source already has in this city, and takes it under another source', async () => {
      const account = await created(alice.id);
      const again = await create(bob.id, {
        source: SOURCE,
        accountNumber: account.accountNumber,
        openedOn: '2026-02-01',
      });
      expect(again.status).toBe(409);
      const other = await create(bob.id, {
        source: 'crm-billing',
        accountNumber: account.accountNumber,
        openedOn: '2026-02-01',
      });
      expect(other.status).toBe(201);
      expect(
        await fed.count('440300', 'SELECT count(*) AS n FROM billing_account WHERE account_number = $1', [
          account.accountNumber,
        ]),
      ).toBe(2);
    });

    it('refuses bad input with 400 problem+json naming each field, writing nothing', async () => {
      const before = await fed.count('440300', 'SELECT count(*) AS n FROM billing_account');
      const bad = await create(alice.id, {
        source: '',
        accountNumber: 'has space',
        openedOn: '2026-02-30',
        closedOn: 'soon',
        surprise: true,
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(bad)).toEqual(['accountNumber', 'closedOn', 'openedOn', 'source', 'surprise']);
      const backwards = await create(alice.id, {
        source: SOURCE,
        accountNumber: aNumber(),
        openedOn: '2026-05-01',
        closedOn: '2026-04-30',
      });
      expect(backwards.status).toBe(400);
      expect(fieldsOf(backwards)).toEqual(['closedOn']);
      const badId = await shenzhen.request('GET', accountsOf('not-a-uuid'), { token: admin });
      expect(badId.status).toBe(400);
      expect(fieldsOf(badId)).toEqual(['customerId']);
      const unknown = await create(randomUUID(), {
        source: SOURCE,
        accountNumber: aNumber(),
        openedOn: '2026-05-01',
      });
      expect(unknown.status).toBe(404);
      expect(await fed.count('440300', 'SELECT count(*) AS n FROM billing_account')).toBe(before);
    });

    it('moves an account to another customer of the city from a billing month', async () => {
      const account = await created(alice.id, { openedOn: '2026-01-15' });
      const early = await transfer(alice.id, account.id, { toCustomerId: bob.id, fromMonth: '2026-01' });
      expect(early.status).toBe(400);
      expect(fieldsOf(early)).toEqual(['fromMonth']);
      const elsewhere = await transfer(alice.id, account.id, {
        toCustomerId: carol.id,
        fromMonth: '2026-04',
      });
      expect(elsewhere.status).toBe(400);
      expect(fieldsOf(elsewhere)).toEqual(['toCustomerId']);

      const moved = await transfer(alice.id, account.id, { toCustomerId: bob.id, fromMonth: '2026-04' });
      expect(moved.status).toBe(201);
      expect(moved.body).toMatchObject({
        customerId: bob.id,
        version: 2,
        holders: [
          { fromMonth: '2026-01', customerId: alice.id },
          { fromMonth: '2026-04', customerId: bob.id },
        ],
      });
      expect(await audited('billing-account.transfer', account.id)).toBe(1);
      const backwards = await transfer(bob.id, account.id, { toCustomerId: alice.id, fromMonth: '2026-03' });
      expect(backwards.status).toBe(400);
      expect(fieldsOf(backwards)).toEqual(['fromMonth']);
      // Both customers list it, with the whole history; only the holder may change it now.
      for (const customer of [alice, bob]) {
        const found = (await list(customer.id)).body.find((a) => a.id === account.id);
        expect(found?.holders).toHaveLength(2);
      }
      expect((await patch(alice.id, account.id, { closedOn: '2026-12-31' })).status).toBe(404);
    });

    it('closes and reopens an account, refusing a close before it opened', async () => {
      const account = await created(alice.id, { openedOn: '2026-02-10' });
      const backwards = await patch(alice.id, account.id, { closedOn: '2026-02-09' });
      expect(backwards.status).toBe(400);
      expect(fieldsOf(backwards)).toEqual(['closedOn']);
      const closed = await patch(alice.id, account.id, { closedOn: '2026-06-30' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ closedOn: '2026-06-30', version: 2 });
      const reopened = await patch(alice.id, account.id, { closedOn: null });
      expect(reopened.body).toMatchObject({ closedOn: null, version: 3 });
      expect(await audited('billing-account.update', account.id)).toBe(2);
    });

    describe('CSV import', () => {
      const upload = (csv: string, query = '') =>
        shenzhen.request<Problem & { imported: number; rows: number; dryRun: boolean }>(
          'POST',
          `/api/v1/billing-accounts/imports${query}`,
          { token: admin, rawBody: csv, headers: { 'content-type': 'text/csv' } },
        );

      it('rejects a file with any bad row, naming each by line and column, and writes nothing', async () => {
        const taken = await created(alice.id);
        const n1 = aNumber();
        const csv = [
          'credit_code,customer_id,source,account_number,opened_on,closed_on,paid_by_account',
          `${alice.creditCode},,${SOURCE},${n1},2026-01-01,,`,
          `,${bob.id},${SOURCE},${aNumber()},2026-13-01,,`,
          `91440300XXXXXXXXXX,,${SOURCE},${aNumber()},2026-01-01,,`,
          `,${carol.id},${SOURCE},${aNumber()},2026-01-01,,`,
          `${alice.creditCode},,${SOURCE},${n1},2026-01-01,,`,
          `${alice.creditCode},,${SOURCE},${taken.accountNumber},2026-01-01,,`,
          `${alice.creditCode},${bob.id},${SOURCE},${aNumber()},2026-01-01,2025-12-31,`,
        ].join('\n');
        const before = await fed.count('440300', 'SELECT count(*) AS n FROM billing_account');
        const res = await upload(csv);
        expect(res.status).toBe(422);
        const problems = (res.body.errors ?? []).map((e) => `${e.line}:${e.field}`).sort();
        expect(problems).toEqual(
          [
            '3:opened_on',
            '4:credit_code',
            '5:customer_id',
            '6:account_number',
            '7:account_number',
            '8:closed_on',
            '8:credit_code',
          ].sort(),
        );
        expect(await fed.count('440300', 'SELECT count(*) AS n FROM billing_account')).toBe(before);
      });

      it('checks a clean file on a dry run, then imports it with its audit entries', async () => {
        const numbers = [aNumber(), aNumber(), aNumber()];
        const csv = [
          'credit_code,customer_id,source,account_number,opened_on,closed_on,paid_by_account',
          `${alice.creditCode},,${SOURCE},${numbers[0]},2026-01-01,,`,
          `,${bob.id},${SOURCE},${numbers[1]},2026-02-01,2026-11-30,${numbers[0]}`,
          `${bob.creditCode},,${SOURCE},${numbers[2]},2026-03-01,,`,
        ].join('\n');
        const count = () =>
          fed.count('440300', 'SELECT count(*) AS n FROM billing_account WHERE account_number = ANY($1)', [
            numbers,
          ]);
        const dry = await upload(csv, '?dryRun=true');
        expect(dry.status).toBe(200);
        expect(dry.body).toMatchObject({ rows: 3, imported: 0, dryRun: true });
        expect(await count()).toBe(0);
        const res = await upload(csv);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ rows: 3, imported: 3, dryRun: false });
        expect(await count()).toBe(3);
        const rows = await fed.sql<{ customer_id: string; account_number: string }>(
          '440300',
          'SELECT customer_id, account_number FROM billing_account WHERE account_number = ANY($1) ORDER BY account_number',
          [numbers],
        );
        expect(rows.map((r) => r.customer_id)).toEqual([alice.id, bob.id, bob.id]);
        expect(
          await fed.count(
            '440300',
            `SELECT count(*) AS n FROM audit_entry a JOIN billing_account b ON b.id::text = a.resource_id
            WHERE a.action = 'billing-account.import' AND b.account_number = ANY($1)`,
            [numbers],
          ),
        ).toBe(3);
      });
    });

    it("routes each month of an account to the city holding it, through the province's read model", async () => {
      const number = aNumber('4400');
      const inShenzhen = await created(alice.id, { accountNumber: number, openedOn: '2026-01-05' });
      const query = `source=${SOURCE}&accountNumber=${number}`;
      await waitFor(
        'the account at the province',
        () => routes(query),
        (r) => r.status === 200 && r.body.length === 1,
      );

      // Moving cities: closed in Shenzhen, then opened in Guangzhou.
      expect((await patch(alice.id, inShenzhen.id, { closedOn: '2026-04-10' })).status).toBe(200);
      await created(carol.id, { accountNumber: number, openedOn: '2026-04-11' }, guangzhou, gzAdmin);
      const both = await waitFor(
        'both copies at the province',
        () => routes(query),
        (r) =>
          r.body.length === 2 && r.body.some((a) => a.cityCode === '440300' && a.closedOn === '2026-04-10'),
      );
      expect(both.body.map((a) => a.cityCode).sort()).toEqual(['440100', '440300']);
      const cityOf = async (month: string) =>
        (await routes(`${query}&month=${month}`)).body.map((a) => a.cityCode);
      expect(await cityOf('2025-12')).toEqual([]);
      expect(await cityOf('2026-01')).toEqual(['440300']);
      expect(await cityOf('2026-03')).toEqual(['440300']);
      expect(await cityOf('2026-04')).toEqual(['440100']);
      expect(await cityOf('2026-09')).toEqual(['440100']);

      const bad = await routes('month=2026-13&cityCode=4403');
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['cityCode', 'month']);
    });

    it("re-sends every account with the customers when the province asks for a city's resync", async () => {
      const expected = await fed.count('440300', 'SELECT count(*) AS n FROM billing_account');
      await waitFor(
        'every 440300 account at the province',
        () =>
          fed.count(
            '440000',
            `SELECT count(*) AS n FROM reported_billing_account WHERE city_code = '440300'`,
          ),
        (n) => n === expected,
      );
      await fed.sql('440000', `DELETE FROM reported_billing_account WHERE city_code = '440300'`);
      const res = await province.request('POST', '/api/v1/customer-resyncs', {
        token: await tokenFor({ roles: 'province_admin', node: '440000' }),
        body: { cityCode: '440300' },
      });
      expect(res.status).toBe(202);
      await waitFor(
        'the 440300 accounts back at the province',
        () =>
          fed.count(
            '440000',
            `SELECT count(*) AS n FROM reported_billing_account WHERE city_code = '440300'`,
          ),
        (n) => n === expected,
      );
      const [city, copy] = await Promise.all([
        fed.sql<{ id: string; version: number }>('440300', 'SELECT id::text, version FROM billing_account'),
        fed.sql<{ account_id: string; version: number }>(
          '440000',
          'SELECT account_id::text, version FROM reported_billing_account',
        ),
      ]);
      const copies = new Map(copy.map((c) => [c.account_id, c.version]));
      expectEvery(
        city,
        (a) => copies.get(a.id) === a.version,
        'accounts at the province at their latest version',
      );
    });
  });
