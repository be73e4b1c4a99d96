/**
 * Freshness of the national analytics under load: a small federation (CN, province 440000,
 * cities 440100 and 440300) takes a steady --rate events/s through a door for --seconds, and once
 * a second a marker event is booked for a dedicated cell (city 440300, this month, product idc,
 * no other traffic). The national analytics is polled for that cell; a marker is visible when the
 * cell's revenue reaches the sum of the markers up to it. Freshness = visible − booked (REST: the
 * door's answer; Kafka: the broker's ack). Prints p50/p99/max and the rate actually sustained.
 *
 *   npm run bench:freshness -- [--rate 5000] [--seconds 60] [--customers 50] [--door rest|kafka] [--poll 100]
 *
 * Figures belong in docs/benchmarks.md with this command.
 */
import { cityCustomers } from '@kaf/cli/billing/city-customers';
import { billingMonthOf } from '@kaf/platform';
import type { LoadEvent } from '@kaf/cli/billing/load-plan';
import { planLoad } from '@kaf/cli/billing/load-plan';
import { runLoad } from '@kaf/cli/billing/load-runner';
import { fetchRevenueRows } from '@kaf/cli/billing/truth-check';
import { KafkaUsageProducer, sendRest } from '@kaf/cli/billing/usage-doors';
import { NodeApi } from '@kaf/cli/seed/node-api';
import { BILLED_PRODUCTS } from '@kaf/billing';
import { tokenFor } from '../../test/support/auth';
import { FederationFixture } from '../../test/support/federation-fixture';
import { sleep } from '../../test/support/wait';

const MARKER_CITY = '440300';
const MARKER_PRODUCT = 'idc';
const SOURCE = 'bench-freshness';

interface Options {
  rate: number;
  seconds: number;
  customers: number;
  door: 'rest' | 'kafka';
  poll: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { rate: 5000, seconds: 60, customers: 50, door: 'rest', poll: 100 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1] ?? '';
    if (key === 'door' && (value === 'rest' || value === 'kafka')) options.door = value;
    else if (key && key !== 'door' && key in options && /^\d+$/.test(value) && Number(value) > 0) {
      (options as unknown as Record<string, number>)[key] = Number(value);
    } else throw new Error(`bad argument ${argv[i]} ${value}`);
  }
  return options;
}

const log = (msg: string): void => void process.stdout.write(`${msg}\n`);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const fed = new FederationFixture();
  try {
    log(
      `CN + 440000 + 440100, 440300; ${options.rate} events/s for ${options.seconds} s through ${options.door}`,
    );
    const quiet = { STATUS_REPORT_INTERVAL_MS: '15000', LOG_LEVEL: 'warn' };
    const cn = await fed.addNode('CN', 'national', quiet);
    const province = await fed.addNode('440000', 'province', quiet);
    const cities = [
      await fed.addNode('440100', 'city', quiet),
      await fed.addNode(MARKER_CITY, 'city', quiet),
    ];
    await Promise.all([cn, province, ...cities].map((n) => n.startAndWaitReady()));

    const customers = new Map<string, string[]>();
    const rest = new Map<string, { code: string; url: string; token: string }>();
    for (const city of cities) {
      const code = city.spec.code;
      const admin = new NodeApi(code, city.url, await tokenFor({ roles: 'city_admin', node: code }));
      customers.set(code, await cityCustomers(admin, options.customers, 'freshness'));
      rest.set(code, {
        code,
        url: city.url,
        token: await tokenFor({ roles: 'billing_system', node: code, subject: SOURCE }),
      });
    }
    const kafka =
      options.door === 'kafka'
        ? new KafkaUsageProducer([process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'], fed.namespace, SOURCE)
        : undefined;
    await kafka?.connect(cities.map((c) => c.spec.code));

    const month = billingMonthOf(new Date());
    const plan = planLoad({
      seed: `freshness-${Date.now()}`,
      source: SOURCE,
      door: options.door,
      cities: cities.map((c) => ({
        code: c.spec.code,
        province: '440000',
        customers: customers.get(c.spec.code)!,
      })),
      products: BILLED_PRODUCTS.filter((p) => p !== MARKER_PRODUCT),
      months: [month],
      events: options.rate * options.seconds,
      duplicates: 0.01,
      corrections: 0.005,
      late: 0,
      batch: 500,
      now: new Date(),
    });
    const hq = { code: 'CN', url: cn.url, token: await tokenFor({ roles: 'hq_analyst', node: 'CN' }) };
    const markerCell = async (): Promise<bigint> => {
      const rows = await fetchRevenueRows(hq, month, month, ['city', 'product']);
      const row = rows.find((r) => r.city === MARKER_CITY && r.product === MARKER_PRODUCT);
      return typeof row?.revenueFen === 'string' ? BigInt(row.revenueFen) : 0n;
    };

    log('load running...');
    const loadStarted = Date.now();
    const load = runLoad(plan, { rate: options.rate, concurrency: 4, cities: rest, kafka });
    let loadDone = false;
    void load.finally(() => (loadDone = true)).catch(() => undefined);

    // Markers: one a second while the load runs, each with its own amount so the sums are distinct.
    const marker = customers.get(MARKER_CITY)![0]!;
    const booked: { expected: bigint; at: number }[] = [];
    let cumulative = 0n;
    const markers = (async () => {
      for (let k = 0; !loadDone && k < options.seconds * 2; k++) {
        const next = loadStarted + (k + 1) * 1000;
        if (next > Date.now()) await sleep(next - Date.now());
        const amount = 1000n + BigInt(k);
        const event: LoadEvent = {
          eventId: `marker-${fed.namespace}-${k}`,
          customerId: marker,
          product: MARKER_PRODUCT,
          billingMonth: month,
          occurredAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          amountFen: amount,
          quantity: '1',
          unit: 'rack-day',
        };
        if (kafka) await kafka.send(MARKER_CITY, [event]);
        else await sendRest(rest.get(MARKER_CITY)!, [event]);
        cumulative += amount;
        booked.push({ expected: cumulative, at: Date.now() });
      }
    })();

    let markersDone = false;
    void markers.finally(() => (markersDone = true)).catch(() => undefined);
    const visibleAt: number[] = [];
    let lastSeen = 0n;
    while (visibleAt.length < booked.length || !markersDone) {
      const seen = await markerCell().catch(() => lastSeen);
      const at = Date.now();
      lastSeen = seen;
      while (visibleAt.length < booked.length && booked[visibleAt.length]!.expected <= seen)
        visibleAt.push(at);
      if (markersDone && at - loadStarted > (options.seconds + 300) * 1000) break;
      await sleep(options.poll);
    }
    await markers;
    const summary = await load;
    await kafka?.disconnect();

    const latencies = booked
      .slice(0, visibleAt.length)
      .map((b, i) => visibleAt[i]! - b.at)
      .sort((a, b) => a - b);
    const result = {
      door: options.door,
      offeredPerSec: options.rate,
      sustainedPerSec: Math.round(summary.eventsPerSecond),
      events: summary.sent,
      loadSeconds: Number((summary.elapsedMs / 1000).toFixed(1)),
      markers: booked.length,
      markersSeen: visibleAt.length,
      pollMs: options.poll,
      freshnessP50Ms: percentile(latencies, 0.5),
      freshnessP99Ms: percentile(latencies, 0.99),
      freshnessMaxMs: latencies.at(-1) ?? NaN,
    };
    log('');
    log(`| figure | value |`);
    log(`|---|---|`);
    for (const [k, v] of Object.entries(result)) log(`| ${k} | ${v} |`);
    log(`\nRESULT ${JSON.stringify(result)}`);
  } finally {
    await fed.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
