import { randomUUID } from 'node:crypto';
import { addDays, addMonths } from '@kaf/platform';
import { aCustomerOf, aSalesTeam, fieldsOf, type Manager, shanghaiDay } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import type { FederationFixture } from '../support/federation-fixture';
import type { NodeProcess } from '../support/node-process';

const CITY = '440300';

interface BillView {
  eventId: string;
  billingAccount: string;
  billingMonth: string;
  amountDueFen: string;
  paidFen: string;
  openFen: string;
  dueDate: string;
  daysOverdue: number;
  status: string;
}

interface PaymentView {
  eventId: string;
  amountFen: string;
  paidOn: string;
  billingMonth: string | null;
  settled: { billEventId: string; billingMonth: string; amountFen: string }[];
  unallocatedFen: string;
}

/**
 * A customer's bills and payments at a city over HTTP, as of today: paid, open and days overdue
 * per bill, what each payment settled, corrected events left out, portfolio reach and refusals
 * naming the field. The ledger rows are written as the doors' booking writes them. Runs on the
 * city of test/billing/usage-ingest.e2e-spec.ts, started, with customers of its own.
 */
export const receivablesViewsCases = (fed: FederationFixture): void =>
  describe('bills and payments views at the city', () => {
    let shenzhen: NodeProcess;
    let a: Manager;
    let b: Manager;
    let customer: string;
    let othersCustomer: string;
    const today = shanghaiDay(0);
    const monthOf = (day: string): string => addMonths(day.slice(0, 7), -1);
    const due = { b1: addDays(today, -40), b2: addDays(today, -5), b3: addDays(today, 10) };

    beforeAll(async () => {
      shenzhen = fed.node(CITY);
      ({ a, b } = await aSalesTeam(shenzhen));
      customer = await aCustomerOf(shenzhen, a);
      othersCustomer = await aCustomerOf(shenzhen, b);
      const account = randomUUID();
      const bill = (
        eventId: string,
        dueDate: string,
        amount: string,
        extra: { supersedes?: string; supersededBy?: string } = {},
      ) =>
        shenzhen.sql(
          `INSERT INTO billing_bill (id, source, event_id, account_id, customer_id, billing_account, billing_month,
                                   amount_due_fen, due_date, supersedes, superseded_by)
         VALUES ($1, 'boss', $2, $3, $4, 'SZ-1', $5, $6, $7, $8, $9)`,
          [
            randomUUID(),
            eventId,
            account,
            customer,
            monthOf(dueDate),
            amount,
            dueDate,
            extra.supersedes ?? null,
            extra.supersededBy ?? null,
          ],
        );
      const payment = (eventId: string, paidOn: string, amount: string, billingMonth: string | null) =>
        shenzhen.sql(
          `INSERT INTO billing_payment (id, source, event_id, account_id, customer_id, billing_account, amount_fen,
                                      paid_on, billing_month)
         VALUES ($1, 'boss', $2, $3, $4, 'SZ-1', $5, $6, $7)`,
          [randomUUID(), eventId, account, customer, amount, paidOn, billingMonth],
        );
      await bill('B1x', due.b1, '99999', { supersededBy: 'B1' });
      await bill('B1', due.b1, '10000', { supersedes: 'B1x' });
      await bill('B2', due.b2, '3000');
      await bill('B3', due.b3, '5000');
      await payment('P1', addDays(today, -1), '4000', null);
      await payment('P2', today, '3000', monthOf(due.b2));
    }, 60_000);

    const bills = (query: string, token = a.token) =>
      shenzhen.request<BillView[]>('GET', `/api/v1/customers/${customer}/bills${query}`, { token });

    it('shows each bill in force with what is paid, open and overdue as of today', async () => {
      const res = await bills('');
      expect(res.status).toBe(200);
      expect(res.body.map((v) => [v.eventId, v.paidFen, v.openFen, v.daysOverdue, v.status])).toEqual([
        ['B1', '4000', '6000', 40, 'overdue'],
        ['B2', '3000', '0', 0, 'paid'],
        ['B3', '0', '5000', 0, 'open'],
      ]);
      expect(res.body[0]).toEqual({
        eventId: 'B1',
        billingAccount: 'SZ-1',
        billingMonth: monthOf(due.b1),
        amountDueFen: '10000',
        paidFen: '4000',
        openFen: '6000',
        dueDate: due.b1,
        daysOverdue: 40,
        status: 'overdue',
      });
      expect((await bills('?status=open')).body.map((v) => v.eventId)).toEqual(['B3']);
      expect((await bills(`?month=${monthOf(due.b2)}&status=paid`)).body.map((v) => v.eventId)).toEqual([
        'B2',
      ]);
    });

    it('shows each payment with the bills it settled and its unallocated rest', async () => {
      const res = await shenzhen.request<PaymentView[]>('GET', `/api/v1/customers/${customer}/payments`, {
        token: a.token,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        {
          eventId: 'P2',
          billingAccount: 'SZ-1',
          amountFen: '3000',
          paidOn: today,
          billingMonth: monthOf(due.b2),
          settled: [{ billEventId: 'B2', billingMonth: monthOf(due.b2), amountFen: '3000' }],
          unallocatedFen: '0',
        },
        {
          eventId: 'P1',
          billingAccount: 'SZ-1',
          amountFen: '4000',
          paidOn: addDays(today, -1),
          billingMonth: null,
          settled: [{ billEventId: 'B1', billingMonth: monthOf(due.b1), amountFen: '4000' }],
          unallocatedFen: '0',
        },
      ]);
    });

    it("keeps to the manager's portfolio and names the field of every refusal", async () => {
      for (const path of ['bills', 'payments']) {
        expect(
          (await shenzhen.request('GET', `/api/v1/customers/${othersCustomer}/${path}`, { token: a.token }))
            .status,
        ).toBe(404);
        expect(
          (await shenzhen.request('GET', `/api/v1/customers/${othersCustomer}/${path}`, { token: b.token }))
            .body,
        ).toEqual([]);
      }
      const cases: [string, string][] = [
        [`/api/v1/customers/${customer}/bills?status=late`, 'status'],
        [`/api/v1/customers/${customer}/bills?month=2026-13`, 'month'],
        [`/api/v1/customers/${customer}/bills?x=1`, 'x'],
        ['/api/v1/customers/not-a-uuid/payments', 'customerId'],
      ];
      for (const [path, field] of cases) {
        const res = await shenzhen.request('GET', path, { token: a.token });
        expect({ path, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          path,
          status: 400,
          fields: [field],
        });
      }
      const billing = await tokenFor({ roles: 'billing_system', node: CITY });
      expect(
        (await shenzhen.request('GET', `/api/v1/customers/${customer}/bills`, { token: billing })).status,
      ).toBe(403);
    });
  });
