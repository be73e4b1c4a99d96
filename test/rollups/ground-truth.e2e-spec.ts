import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cityCustomers } from '@kaf/cli/billing/city-customers';
import { GroundTruth } from '@kaf/cli/billing/ground-truth';
import { type DoorChoice, type LoadPlan, planLoad } from '@kaf/cli/billing/load-plan';
import { type LoadSummary, runLoad } from '@kaf/cli/billing/load-runner';
import {
  type AnalyticsEndpoint,
  checkTruth,
  type TruthCheck,
  waitForTruth,
} from '@kaf/cli/billing/truth-check';
import { KafkaUsageProducer, type RestCity } from '@kaf/cli/billing/usage-doors';
import { main } from '@kaf/cli/main';
import { NodeApi } from '@kaf/cli/seed/node-api';
import { BILLED_PRODUCTS } from '@kaf/billing';
import { addMonths, billingMonthOf, monthsBetween } from '@kaf/platform';
import { tokenFor } from '../support/auth';
import { broker, FederationFixture } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, type NodeProcess } from '../support/node-process';
import { capturingContext, recordFederation } from '../support/recorded-federation';
import { sleep } from '../support/wait';

const SETTLE_MS = 240_000;
const SOURCE = 'boss-ground-truth';
const CUSTOMERS_PER_CITY = 8;
const TOPOLOGY = [
  { province: '440000', cities: ['440100', '440300'] },
  { province: '330000', cities: ['330100', '330200'] },
];
const CITIES = TOPOLOGY.flatMap((p) => p.cities.map((city) => ({ city, province: p.province })));
const MONTH = billingMonthOf(new Date());
const MONTHS = monthsBetween(addMonths(MONTH, -3), MONTH);

/**
 * Billing load through both doors of four cities under two provinces, with duplicates,
 * corrections and late months, checked against its ground truth at the national node (by city,
 * by city and product, by province) and at each province, to the fen: after a plain run, after a
 * city is killed mid-run and restarted, and after the broker restarts mid-run.
 */
describe('national figures equal the ground truth of the billing load', () => {
  const fed = new FederationFixture();
  const customers = new Map<string, string[]>();
  const restCities = new Map<string, RestCity>();
  const truths: GroundTruth[] = [];
  let national: AnalyticsEndpoint;
  let provinces: AnalyticsEndpoint[];
  let kafka: KafkaUsageProducer;
  let runDir: string;

  beforeAll(async () => {
    const cn = await fed.addNode('CN', 'national');
    const nodes: NodeProcess[] = [cn];
    for (const p of TOPOLOGY) {
      nodes.push(await fed.addNode(p.province, 'province'));
      for (const c of p.cities) nodes.push(await fed.addNode(c, 'city'));
    }
    await Promise.all(nodes.map((n) => n.startAndWaitReady()));

    for (const { city } of CITIES) {
      const node = fed.node(city);
      const admin = new NodeApi(city, node.url, await tokenFor({ roles: 'city_admin', node: city }));
      customers.set(city, await cityCustomers(admin, CUSTOMERS_PER_CITY, 'ground-truth'));
      restCities.set(city, {
        code: city,
        url: node.url,
        token: await tokenFor({ roles: 'billing_system', node: city, subject: SOURCE }),
        retryForMs: 300_000,
      });
    }
    national = { code: 'CN', url: cn.url, token: await tokenFor({ roles: 'hq_analyst', node: 'CN' }) };
    provinces = await Promise.all(
      TOPOLOGY.map(async (p) => ({
        code: p.province,
        url: fed.node(p.province).url,
        token: await tokenFor({ roles: 'province_analyst', node: p.province }),
      })),
    );
    kafka = new KafkaUsageProducer(
      [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
      fed.namespace,
      SOURCE,
      300_000,
    );
    await kafka.connect(CITIES.map((c) => c.city));
    runDir = recordFederation(fed, [
      { node: cn, parent: null },
      ...TOPOLOGY.flatMap((p) => [
        { node: fed.node(p.province), parent: 'CN' },
        ...p.cities.map((c) => ({ node: fed.node(c), parent: p.province })),
      ]),
    ]);
  }, BOOT_BUDGET_MS + 180_000);

  afterAll(async () => {
    await kafka?.disconnect().catch(() => undefined);
    await fed.dispose();
  }, 120_000);

  /** A load of `events` over the four cities; its truth joins the truths of the earlier loads. */
  function aLoad(seed: string, door: DoorChoice, events: number): LoadPlan {
    const plan = planLoad({
      seed,
      source: SOURCE,
      door,
      cities: CITIES.map(({ city, province }) => ({ code: city, province, customers: customers.get(city)! })),
      products: BILLED_PRODUCTS,
      months: MONTHS,
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

  const send = (plan: LoadPlan, rate: number): Promise<LoadSummary> =>
    runLoad(plan, { rate, concurrency: 3, cities: restCities, kafka });

  /** Waits until every national and province figure equals the truth of all loads so far. */
  async function expectTruthEverywhere(): Promise<TruthCheck> {
    const truth = GroundTruth.merge(truths);
    const check = await waitForTruth(truth, national, provinces, SETTLE_MS);
    expect(check.differences).toEqual([]);
    expect(check.views).toBe(3 + provinces.length);
    return check;
  }

  it('equals the truth after loads through the REST door, the Kafka door and both', async () => {
    const rest = await send(aLoad('gt-rest', 'rest', 4000), 0);
    expect(rest.rest).toMatchObject({ events: 4000, rejected: 0 });
    const viaKafka = await send(aLoad('gt-kafka', 'kafka', 4000), 0);
    expect(viaKafka.kafka.events).toBe(4000);
    await send(aLoad('gt-both', 'both', 4000), 0);
    await expectTruthEverywhere();

    // The check is not vacuous: every city has figures in every month, and a fen off is seen.
    const truth = GroundTruth.merge(truths);
    for (const { city } of CITIES) expect([...truth.cityMonths(city).keys()].sort()).toEqual(MONTHS);
    const off = GroundTruth.parse(truth.toJSON());
    off.apply(
      '440300',
      {
        customerId: customers.get('440300')![0]!,
        product: 'iot',
        billingMonth: MONTH,
        amountFen: 1n,
        quantity: '0',
      },
      1,
    );
    const check = await checkTruth(off, national, provinces);
    expect(check.differences.map((d) => d.where)).toEqual(
      expect.arrayContaining([
        `CN city=440300 month=${MONTH}`,
        `CN province=440000 month=${MONTH}`,
        `440000 city=440300 month=${MONTH}`,
      ]),
    );

    // The CLI's verify says the same from the truth files.
    const dir = mkdtempSync(join(tmpdir(), 'kaf-truth-'));
    const files = truths.map((t, i) => {
      const file = join(dir, `truth-${i}.json`);
      t.write(file);
      return file;
    });
    const ok = capturingContext();
    expect(
      await main(['billing', 'verify', '--run-dir', runDir, ...files.flatMap((f) => ['--truth', f])], ok),
    ).toBe(0);
    expect(ok.stdout.join('\n')).toContain('every figure matches the truth (4 cities');
    const offFile = join(dir, 'off.json');
    off.write(offFile);
    const bad = capturingContext();
    expect(await main(['billing', 'verify', '--run-dir', runDir, '--truth', offFile], bad)).toBe(1);
    expect(bad.stdout.join('\n')).toContain(`CN city=440300 month=${MONTH}: revenueFen`);
  }, 900_000);

  it('equals the truth after a city is killed mid-run and restarted', async () => {
    const plan = aLoad('gt-city-kill', 'both', 6000);
    const restSends = plan.cities.reduce((n, c) => n + c.sends.filter((x) => x.door === 'rest').length, 0);
    const running = send(plan, 1500);
    let finished = 0;
    void running.then(() => (finished = Date.now()));
    await sleep(1500);
    const shenzhen = fed.node('440300');
    await shenzhen.kill();
    const killedAt = Date.now();
    await shenzhen.startAndWaitReady();
    const summary = await running;
    expect(summary.sent).toBe(6000);
    expect(summary.rest.rejected).toBe(0);
    // The kill fell inside the run: requests to the dead city failed and were sent again.
    expect(finished === 0 || finished > killedAt).toBe(true);
    expect(summary.rest.calls).toBeGreaterThan(restSends);
    await expectTruthEverywhere();
  }, 900_000);

  it('equals the truth after the broker restarts mid-run', async () => {
    const plan = aLoad('gt-broker-restart', 'both', 6000);
    const running = send(plan, 1500);
    let finished = 0;
    void running.then(() => (finished = Date.now()));
    await sleep(1500);
    const stopping = Date.now();
    await broker.restart();
    const summary = await running;
    expect(summary.sent).toBe(6000);
    expect(summary.rest.rejected).toBe(0);
    // The restart fell inside the run.
    expect(finished).toBeGreaterThan(stopping);
    await expectTruthEverywhere();
  }, 900_000);
});
