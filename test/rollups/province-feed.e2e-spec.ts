import { cityCustomers } from '@kaf/cli/billing/city-customers';
import { ensureBillingAccounts, waitForRoutes } from '@kaf/cli/billing/billing-accounts';
import { GroundTruth } from '@kaf/cli/billing/ground-truth';
import { type LoadPlan, planLoad } from '@kaf/cli/billing/load-plan';
import { runLoad } from '@kaf/cli/billing/load-runner';
import { type ArrearsBands, type BilledAccount, planReceivables } from '@kaf/cli/billing/receivables-plan';
import { type AnalyticsEndpoint, waitForTruth } from '@kaf/cli/billing/truth-check';
import { KafkaUsageProducer, type RestCity } from '@kaf/cli/billing/usage-doors';
import { NodeApi } from '@kaf/cli/seed/node-api';
import { BILLED_PRODUCTS } from '@kaf/billing';
import { addMonths, billingMonthOf, monthsBetween, shanghaiDate } from '@kaf/platform';
import { Partitioners } from 'kafkajs';
import { tokenFor } from '../support/auth';
import { expectCellsEqualTruth } from '../support/city-cells';
import { FederationFixture, kafkaClient } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

const SETTLE_MS = 240_000;
/** How often the figures at CN and the province are compared with the truth while they settle. */
const TRUTH_POLL_MS = 500;
const PROVINCE = '440000';
const CITIES = ['440100', '440300'];
const SOURCE = 'gd-central-billing';
const SEED = 'province-feed';
const CUSTOMERS_PER_CITY = 5;
const MONTH = billingMonthOf(new Date());
/** Six months, so that the bills of the oldest are more than 90 days overdue. */
const MONTHS = monthsBetween(addMonths(MONTH, -6), MONTH);

interface ArrearsAnswer {
  rows: { city: string; upTo30Fen: string; days31To90Fen: string; over90Fen: string }[];
}

/**
 * One province-wide billing feed (省集中计费) over two cities, as the issue tells it: usage through
 * the province's REST door and its topic by the billing system's account numbers, with re-sent
 * and corrected events, a city killed mid-feed, and an account opened after its first events;
 * then six months of bills and payments. Every city's ledger and every national and provincial
 * usage figure equal the load's truth to the fen, and the arrears at CN equal the truth of the
 * generated bills and payments, band by band.
 */
describe('a province-wide billing feed, to the fen at CN', () => {
  const fed = new FederationFixture();
  const truths: GroundTruth[] = [];
  const accounts = new Map<string, Map<string, string>>();
  const customers = new Map<string, string[]>();
  let provinceDoor: RestCity;
  let national: AnalyticsEndpoint;
  let province: AnalyticsEndpoint;
  let kafka: KafkaUsageProducer;

  beforeAll(async () => {
    const nodes: NodeProcess[] = [
      await fed.addNode('CN', 'national'),
      await fed.addNode(PROVINCE, 'province'),
    ];
    // 440300 is killed mid-feed: its restart rejoins its consumer groups once the killed process's
    // session is over, after 10 s instead of 30 s.
    for (const code of CITIES)
      nodes.push(
        await fed.addNode(code, 'city', code === '440300' ? { KAFKA_SESSION_TIMEOUT_MS: '10000' } : {}),
      );
    await Promise.all(nodes.map((n) => n.startAndWaitReady()));
    const expected = new Map<string, string>();
    for (const code of CITIES) {
      const admin = new NodeApi(
        code,
        fed.node(code).url,
        await tokenFor({ roles: 'city_admin', node: code }),
      );
      customers.set(code, await cityCustomers(admin, CUSTOMERS_PER_CITY, SEED));
      const held = await ensureBillingAccounts(admin, customers.get(code)!, {
        source: SOURCE,
        seed: SEED,
        months: MONTHS,
      });
      accounts.set(code, held);
      for (const number of held.values()) expected.set(number, code);
    }
    const provinceApi = new NodeApi(
      PROVINCE,
      fed.node(PROVINCE).url,
      await tokenFor({ roles: 'province_admin', node: PROVINCE }),
    );
    expect(await waitForRoutes(provinceApi, SOURCE, expected, MONTHS, 60_000)).toEqual([]);
    provinceDoor = {
      code: PROVINCE,
      url: fed.node(PROVINCE).url,
      token: await tokenFor({ roles: 'billing_system', node: PROVINCE, subject: SOURCE }),
      retryForMs: 300_000,
    };
    national = {
      code: 'CN',
      url: fed.node('CN').url,
      token: await tokenFor({ roles: 'hq_analyst', node: 'CN' }),
    };
    province = {
      code: PROVINCE,
      url: fed.node(PROVINCE).url,
      token: await tokenFor({ roles: 'province_analyst', node: PROVINCE }),
    };
    kafka = new KafkaUsageProducer(
      [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
      fed.namespace,
      SOURCE,
      300_000,
    );
    await kafka.connect([PROVINCE]);
  }, BOOT_BUDGET_MS + 180_000);

  afterAll(async () => {
    await kafka?.disconnect().catch(() => undefined);
    await fed.dispose();
  }, 120_000);

  function aLoad(seed: string, door: 'province' | 'province-kafka', events: number): LoadPlan {
    const plan = planLoad({
      seed,
      source: SOURCE,
      door,
      cities: CITIES.map((code) => ({
        code,
        province: PROVINCE,
        customers: customers.get(code)!,
        accounts: accounts.get(code)!,
      })),
      products: BILLED_PRODUCTS,
      months: MONTHS.slice(-3),
      events,
      duplicates: 0.05,
      corrections: 0.04,
      late: 0.15,
      batch: 200,
      now: new Date(),
    });
    truths.push(plan.truth);
    return plan;
  }

  const send = (plan: LoadPlan, rate: number) =>
    runLoad(plan, {
      rate,
      concurrency: 2,
      cities: new Map(),
      provinces: new Map([[PROVINCE, provinceDoor]]),
      kafka,
    });

  it('books usage sent by account number through both province doors, a city killed mid-feed, to the fen', async () => {
    const shenzhen = fed.node('440300');
    const viaRest = send(aLoad('pf-rest', 'province', 4000), 800);
    // Killed once the feed reaches it: its first events are booked, the rest still coming.
    await waitFor(
      'Shenzhen to book the first events of the feed',
      () => fed.count('440300', 'SELECT count(*) AS n FROM billing_usage_event WHERE source = $1', [SOURCE]),
      (n) => n > 0,
      60_000,
      100,
    );
    await shenzhen.kill();
    const rest = await viaRest;
    // The province answers for the city that is down: its events wait in the province's outbox.
    expect(rest.province).toMatchObject({ events: 4000, rejected: 0 });
    await shenzhen.startAndWaitReady();
    const viaKafka = await send(aLoad('pf-kafka', 'province-kafka', 3000), 0);
    expect(viaKafka.provinceKafka.events).toBe(3000);

    // An account the billing system bills before the city has opened it: parked at the province,
    // routed and booked when the city opens it.
    const late = {
      city: '440100',
      customer: customers.get('440100')![0]!,
      number: `LATE-${Date.now().toString(36)}`,
    };
    const event = {
      specversion: '1.0',
      id: `pf-late-${late.number}`,
      source: SOURCE,
      type: 'cn.kaf.billing.usage.v1',
      data: {
        billingAccount: late.number,
        product: 'sd_wan',
        billingMonth: MONTH,
        occurredAt: `${MONTH}-01T09:00:00+08:00`,
        amountFen: '123456',
      },
    };
    const producer = kafkaClient().producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic: `${fed.namespace}.${PROVINCE}.billing-usage`,
      acks: -1,
      messages: [{ key: late.number, value: JSON.stringify(event) }],
    });
    await producer.disconnect();
    const parked = await waitFor(
      'the late account parked at the province',
      () =>
        fed.sql<{ reason: string }>(
          PROVINCE,
          'SELECT reason FROM billing_parked_event WHERE event_id = $1 AND replayed_at IS NULL',
          [event.id],
        ),
      (rows) => rows.length === 1,
    );
    expect(parked[0]!.reason).toMatch(/^data\.billingAccount: /);
    const opened = await fed
      .node(late.city)
      .request('POST', `/api/v1/customers/${late.customer}/billing-accounts`, {
        token: await tokenFor({ roles: 'city_admin', node: late.city }),
        body: { source: SOURCE, accountNumber: late.number, openedOn: `${MONTHS[0]}-01` },
      });
    expect(opened.status).toBe(201);
    const lateTruth = new GroundTruth(truths[0]!.meta);
    lateTruth.addCity(late.city, PROVINCE);
    lateTruth.apply(
      late.city,
      {
        customerId: late.customer,
        product: 'sd_wan',
        billingMonth: MONTH,
        amountFen: 123456n,
        quantity: '0',
      },
      1,
    );
    truths.push(lateTruth);

    const truth = GroundTruth.merge(truths);
    const check = await waitForTruth(truth, national, [province], SETTLE_MS, undefined, TRUTH_POLL_MS);
    expect(check.differences).toEqual([]);
    await expectCellsEqualTruth(fed, truth);
    const stillParked = await Promise.all(
      [PROVINCE, ...CITIES].map((code) =>
        fed.count(code, 'SELECT count(*) AS n FROM billing_parked_event WHERE replayed_at IS NULL'),
      ),
    );
    expect(stillParked).toEqual([0, 0, 0]);
  }, 600_000);

  it(
    'shows at CN the arrears the bills and payments leave, band by band',
    async () => {
      const billed: BilledAccount[] = CITIES.flatMap((city) =>
        [...accounts.get(city)!.values()].map((accountNumber) => ({
          accountNumber,
          city,
          province: PROVINCE,
          openedMonth: MONTHS[0]!,
        })),
      );
      const today = shanghaiDate(new Date());
      const plan = planReceivables(billed, { seed: SEED, months: 6, today });
      const post = async (path: string, events: object[]) => {
        const res = await fed.node(PROVINCE).request<{ routed: number; rejected: number }>('POST', path, {
          token: provinceDoor.token,
          body: { events },
        });
        expect({ status: res.status, rejected: res.body.rejected }).toEqual({ status: 200, rejected: 0 });
      };
      await post('/api/v1/bill-batches', plan.bills);
      await post('/api/v1/payment-batches', plan.payments);

      const expected = CITIES.map((city) => bandsOf(city, plan.arrearsByCity.get(city)!));
      expect(expected.some((b) => b.over90Fen !== '0' && b.days31To90Fen !== '0')).toBe(true);
      const answer = await waitFor(
        'CN to show the arrears of the bills and payments',
        async () =>
          (await fed.node('CN').get<ArrearsAnswer>('/api/v1/analytics/arrears?groupBy=city', national.token))
            .rows,
        (rows) =>
          JSON.stringify(CITIES.map((c) => pick(rows.find((r) => r.city === c)))) ===
          JSON.stringify(expected),
        SETTLE_MS,
      );
      expect(CITIES.map((c) => pick(answer.find((r) => r.city === c)))).toEqual(expected);
    },
    SETTLE_MS + 60_000,
  );
});

function bandsOf(city: string, b: ArrearsBands) {
  return {
    city,
    upTo30Fen: `${b.upTo30Fen}`,
    days31To90Fen: `${b.days31To90Fen}`,
    over90Fen: `${b.over90Fen}`,
  };
}

function pick(row: ArrearsAnswer['rows'][number] | undefined) {
  return (
    row && {
      city: row.city,
      upTo30Fen: row.upTo30Fen,
      days31To90Fen: row.days31To90Fen,
      over90Fen: row.over90Fen,
    }
  );
}
