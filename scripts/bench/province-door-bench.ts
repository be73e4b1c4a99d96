/**
 * The province-wide billing door on a small federation (province 440000 over cities 440100 and
 * 440300, real node processes), measured in the same run against the city doors:
 *   rate:    the same number of new usage events (a) through the cities' Kafka doors, keyed by
 *            customer (the baseline), and (b) through the province's Kafka door, keyed by billing
 *            account, each produced while the consuming node is stopped and then taken in after it
 *            starts; rate = events ÷ (last − first booked `received_at` over both cities). Prints
 *            both rates and b/a (aim ≥ 0.5).
 *   latency: a steady --rate events/s for --seconds through the province's door (REST, or its
 *            topic with --door kafka), with one marker event a second; latency = the moment the
 *            marker is visible in its city's ledger (polled every --poll ms) − the moment the
 *            province door acknowledged it (REST: its answer; Kafka: the broker's ack). Prints
 *            p50/p99/max (aim p99 ≤ 1 s), and the same by the ledger's `received_at`.
 *
 *   npm run bench:province-door -- [--events 100000] [--customers 100] [--rate 5000] [--seconds 60]
 *                                  [--door rest|kafka] [--poll 20] [--part rate|latency|both]
 *                                  [--relay-batch N]
 *
 * --relay-batch sets the province's RELAY_BATCH_SIZE (default: the node's own default). A rate
 * run stops with the province's outbox size when the cities book nothing for STALL_MS.
 *
 * Prints a table and one JSON line, with the machine's load average before and after. Figures
 * belong in docs/benchmarks.md with this command.
 */
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { BILLED_PRODUCTS } from '@kaf/billing';
import { ensureBillingAccounts, waitForRoutes } from '@kaf/cli/billing/billing-accounts';
import { cityCustomers } from '@kaf/cli/billing/city-customers';
import { toKafkaRecords } from '@kaf/cli/billing/cloud-event';
import { type Door, type LoadEvent, type LoadPlan, planLoad } from '@kaf/cli/billing/load-plan';
import { runLoad } from '@kaf/cli/billing/load-runner';
import { KafkaUsageProducer, type RestCity, sendRest } from '@kaf/cli/billing/usage-doors';
import { NodeApi } from '@kaf/cli/seed/node-api';
import { addMonths, billingMonthOf, monthsBetween } from '@kaf/platform';
import { tokenFor } from '../../test/support/auth';
import { FederationFixture } from '../../test/support/federation-fixture';
import type { NodeProcess } from '../../test/support/node-process';
import { databaseUrl } from '../../test/support/test-database';
import { sleep } from '../../test/support/wait';

const PROVINCE = '440000';
const CITIES = ['440100', '440300'] as const;
const MARKER_CITY = '440300';
/** The source of the city-door baseline; the province door's events come from PROVINCE_SOURCE. */
const CITY_SOURCE = 'bench-city-door';
const PROVINCE_SOURCE = 'bench-province-door';
const RECORDS_PER_PRODUCE = 20;
const BOOK_TIMEOUT_MS = 1_800_000;
/** A rate run gives up when the cities book nothing new for this long. */
const STALL_MS = 90_000;

interface Options {
  events: number;
  customers: number;
  rate: number;
  seconds: number;
  door: 'rest' | 'kafka';
  poll: number;
  part: 'rate' | 'latency' | 'both';
  /** The province's RELAY_BATCH_SIZE; 0 keeps the node's default. */
  relayBatch: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    events: 100_000,
    customers: 100,
    rate: 5000,
    seconds: 60,
    door: 'rest',
    poll: 20,
    part: 'both',
    relayBatch: 0,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = argv[i + 1] ?? '';
    if (key === 'door' && (value === 'rest' || value === 'kafka')) options.door = value;
    else if (key === 'part' && (value === 'rate' || value === 'latency' || value === 'both'))
      options.part = value;
    else if (
      key &&
      key !== 'door' &&
      key !== 'part' &&
      key in options &&
      /^\d+$/.test(value) &&
      Number(value) > 0
    ) {
      (options as unknown as Record<string, number>)[key] = Number(value);
    } else throw new Error(`bad argument ${argv[i]} ${value}`);
  }
  return options;
}

const log = (msg: string): void => void process.stdout.write(`${msg}\n`);
const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

interface Federation {
  fed: FederationFixture;
  province: NodeProcess;
  cities: Map<string, NodeProcess>;
  customers: Map<string, string[]>;
  /** Per city: customer id → account number of PROVINCE_SOURCE. */
  accounts: Map<string, Map<string, string>>;
  months: string[];
}

/** A plan of new events, without copies or corrections unless asked: every event one ledger row. */
function plan(
  f: Federation,
  door: Door,
  source: string,
  seed: string,
  events: number,
  extra: { duplicates?: number; corrections?: number; months?: string[] } = {},
): LoadPlan {
  return planLoad({
    seed,
    source,
    door,
    cities: CITIES.map((code) => ({
      code,
      province: PROVINCE,
      customers: f.customers.get(code)!,
      accounts: f.accounts.get(code),
    })),
    products: BILLED_PRODUCTS,
    months: extra.months ?? f.months,
    events,
    duplicates: extra.duplicates ?? 0,
    corrections: extra.corrections ?? 0,
    late: 0.05,
    batch: 500,
    now: new Date(),
  });
}

async function ledgerRows(f: Federation, source: string): Promise<number> {
  let n = 0;
  for (const code of CITIES) {
    n += await f.fed.count(code, 'SELECT count(*) AS n FROM billing_usage_event WHERE source = $1', [source]);
  }
  return n;
}

/** Seconds from the first to the last booked event of `source`, over both cities' ledgers. */
async function bookingSpan(f: Federation, source: string): Promise<number> {
  const bounds: number[] = [];
  for (const code of CITIES) {
    const [row] = await f.fed.sql<{ first: string; last: string }>(
      code,
      `SELECT extract(epoch FROM min(received_at)) AS first, extract(epoch FROM max(received_at)) AS last
         FROM billing_usage_event WHERE source = $1`,
      [source],
    );
    if (row?.first) bounds.push(Number(row.first), Number(row.last));
  }
  return Math.max(...bounds) - Math.min(...bounds);
}

/** Parked events at every node of the federation (none expected). */
async function parked(f: Federation): Promise<number> {
  let n = 0;
  for (const code of [PROVINCE, ...CITIES]) {
    n += await f.fed.count(code, 'SELECT count(*) AS n FROM billing_parked_event WHERE replayed_at IS NULL');
  }
  return n;
}

/**
 * Produces every event of the plan to `topicNode`'s door while the nodes in `stopped` are down,
 * starts them, and waits for the cities to book every event. Returns events per second booked.
 */
async function preProducedRate(
  f: Federation,
  label: string,
  p: LoadPlan,
  source: string,
  stopped: readonly NodeProcess[],
  sampler?: Sampler,
): Promise<{ perSec: number; produceSec: number; records: number; spanSec: number }> {
  const producer = new KafkaUsageProducer(
    [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
    f.fed.namespace,
    source,
  );
  const byTopic = new Map<string, LoadEvent[]>();
  for (const city of p.cities) {
    for (const send of city.sends) {
      const node = send.door === 'province-kafka' ? city.province : city.code;
      const list = byTopic.get(node) ?? [];
      if (list.length === 0) byTopic.set(node, list);
      list.push(...send.events);
    }
  }
  const events = [...byTopic.values()].reduce((n, l) => n + l.length, 0);
  await Promise.all(stopped.map((n) => n.stop()));
  await producer.connect([...byTopic.keys()]);
  const started = Date.now();
  let records = 0;
  for (const [node, list] of byTopic) {
    const all = toKafkaRecords(list, source);
    records += all.length;
    for (let i = 0; i < all.length; i += RECORDS_PER_PRODUCE) {
      await producer.sendRecords(node, all.slice(i, i + RECORDS_PER_PRODUCE));
    }
  }
  const produceSec = (Date.now() - started) / 1000;
  await producer.disconnect();
  log(
    `${label}: ${events} events in ${records} records produced in ${produceSec.toFixed(1)} s; starting the door...`,
  );
  await Promise.all(stopped.map((n) => n.startAndWaitReady()));
  sampler?.start(events);
  await bookedOrStalled(f, label, source, events, sampler ? (n) => sampler.sample(n) : undefined);
  const booked = await ledgerRows(f, source);
  if (booked !== events) throw new Error(`${label}: ${booked} ledger rows for ${events} events`);
  const spanSec = await bookingSpan(f, source);
  return { perSec: events / spanSec, produceSec, records, spanSec };
}

/** Waits until the cities booked `events` rows of `source`; fails when they book nothing for STALL_MS. */
async function bookedOrStalled(
  f: Federation,
  label: string,
  source: string,
  events: number,
  sample: (booked: number) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  const deadline = Date.now() + BOOK_TIMEOUT_MS;
  let last = -1;
  let progressAt = Date.now();
  for (;;) {
    const n = await ledgerRows(f, source);
    await sample(n);
    if (n >= events) return;
    if (n > last) {
      last = n;
      progressAt = Date.now();
    }
    if (Date.now() - progressAt > STALL_MS || Date.now() > deadline) {
      const outbox = await f.fed.count(PROVINCE, 'SELECT count(*) AS n FROM messaging_outbox');
      throw new Error(
        `${label}: the cities booked ${n} of ${events} events and nothing more for ${STALL_MS / 1000} s; ` +
          `the province's outbox holds ${outbox} message(s) (see its log for the relay's error)`,
      );
    }
    await sleep(500);
  }
}

/** The sum of a Prometheus metric's samples at a node (those whose labels contain `labels`). */
async function metric(node: NodeProcess, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (m?.[1] === name && (m[2] ?? '').includes(labels)) sum += Number(m[3]);
  }
  return sum;
}

/**
 * Where the province door's time goes while it takes in a pre-produced topic: from the moment
 * the province is ready, when it had routed every event (its door's counter), when its outbox had
 * relayed them (no routed message left) and when the cities had booked them.
 */
class Sampler {
  private t0 = 0;
  private events = 0;
  routedAt = NaN;
  relayedAt = NaN;
  bookedAt = NaN;
  maxOutbox = 0;

  constructor(private readonly f: Federation) {}

  start(events: number): void {
    this.t0 = Date.now();
    this.events = events;
  }

  async sample(booked: number): Promise<void> {
    const at = (Date.now() - this.t0) / 1000;
    const outbox = await this.f.fed.count(
      PROVINCE,
      `SELECT count(*) AS n FROM messaging_outbox WHERE type = 'kaf.billing.v1.RoutedBillingEvents'`,
    );
    this.maxOutbox = Math.max(this.maxOutbox, outbox);
    if (Number.isNaN(this.routedAt)) {
      const routed = await metric(this.f.province, 'kaf_billing_usage_door_events_total', 'outcome="routed"');
      if (routed >= this.events) this.routedAt = at;
    }
    if (!Number.isNaN(this.routedAt) && Number.isNaN(this.relayedAt) && outbox === 0) this.relayedAt = at;
    if (booked >= this.events) this.bookedAt = at;
  }
}

/** Seconds spent in transactions of a histogram, summed over nodes. */
async function seconds(nodes: readonly NodeProcess[], name: string, labels = ''): Promise<number> {
  let sum = 0;
  for (const n of nodes) sum += await metric(n, `${name}_sum`, labels);
  return sum;
}

async function rate(f: Federation, options: Options): Promise<Record<string, number | string>> {
  const run = Date.now().toString(36);
  log(`rate (a): ${options.events} new events through the cities' Kafka doors, by customer...`);
  const a = await preProducedRate(
    f,
    'rate (a)',
    plan(f, 'kafka', CITY_SOURCE, `rate-city-${run}`, options.events),
    CITY_SOURCE,
    [...f.cities.values()],
  );
  const cities = [...f.cities.values()];
  const cityDoorSec = await seconds(cities, 'kaf_billing_usage_door_chunk_seconds');
  const inboxBefore = await seconds(cities, 'kaf_inbox_handle_seconds', 'RoutedBillingEvents');
  log(`rate (b): ${options.events} new events through the province's Kafka door, by billing account...`);
  const sampler = new Sampler(f);
  const b = await preProducedRate(
    f,
    'rate (b)',
    plan(f, 'province-kafka', PROVINCE_SOURCE, `rate-province-${run}`, options.events),
    PROVINCE_SOURCE,
    [f.province],
    sampler,
  );
  const routingSec = await seconds([f.province], 'kaf_billing_usage_door_chunk_seconds');
  const cityInboxSec =
    (await seconds(cities, 'kaf_inbox_handle_seconds', 'RoutedBillingEvents')) - inboxBefore;
  return {
    rateEvents: options.events,
    cityKafkaPerSec: Math.round(a.perSec),
    cityKafkaSpanSec: Number(a.spanSec.toFixed(1)),
    provinceKafkaPerSec: Math.round(b.perSec),
    provinceKafkaSpanSec: Number(b.spanSec.toFixed(1)),
    provinceToCityRatio: Number((b.perSec / a.perSec).toFixed(3)),
    cityDoorChunkTxSec: Number(cityDoorSec.toFixed(1)),
    provinceReadyToAllRoutedSec: sampler.routedAt,
    provinceReadyToAllRelayedSec: sampler.relayedAt,
    provinceReadyToAllBookedSec: sampler.bookedAt,
    provinceRoutingChunkTxSec: Number(routingSec.toFixed(1)),
    provinceOutboxMaxRoutedMessages: sampler.maxOutbox,
    cityInboxRoutedTxSec: Number(cityInboxSec.toFixed(1)),
    parkedAfterRate: await parked(f),
  };
}

/** Polls the marker city's ledger on one connection for the event ids still awaited. */
class MarkerWatch {
  private readonly client: Client;
  readonly seen = new Map<string, { visibleAt: number; receivedAt: number }>();

  constructor(database: string) {
    this.client = new Client({ connectionString: databaseUrl(database) });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async poll(ids: readonly string[]): Promise<void> {
    const waiting = ids.filter((id) => !this.seen.has(id));
    if (waiting.length === 0) return;
    const { rows } = await this.client.query<{ event_id: string; received: string }>(
      `SELECT event_id, extract(epoch FROM received_at) * 1000 AS received
         FROM billing_usage_event WHERE source = $1 AND event_id = ANY($2::text[])`,
      [PROVINCE_SOURCE, waiting],
    );
    const at = Date.now();
    for (const r of rows) this.seen.set(r.event_id, { visibleAt: at, receivedAt: Number(r.received) });
  }

  end(): Promise<void> {
    return this.client.end();
  }
}

async function latency(f: Federation, options: Options): Promise<Record<string, number | string>> {
  const door: Door = options.door === 'rest' ? 'province' : 'province-kafka';
  const month = billingMonthOf(new Date());
  const p = plan(
    f,
    door,
    PROVINCE_SOURCE,
    `latency-${Date.now().toString(36)}`,
    options.rate * options.seconds,
    {
      duplicates: 0.01,
      corrections: 0.005,
      months: [month],
    },
  );
  const brokers = [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'];
  const provinceDoor: RestCity = {
    code: PROVINCE,
    url: f.province.url,
    token: await tokenFor({ roles: 'billing_system', node: PROVINCE, subject: PROVINCE_SOURCE }),
    province: {},
  };
  const kafka =
    door === 'province-kafka' ? new KafkaUsageProducer(brokers, f.fed.namespace, PROVINCE_SOURCE) : undefined;
  // Markers get a producer of their own, so that they never queue behind the load's produce calls.
  const markerKafka =
    door === 'province-kafka' ? new KafkaUsageProducer(brokers, f.fed.namespace, PROVINCE_SOURCE) : undefined;
  await kafka?.connect([PROVINCE]);
  await markerKafka?.connect([PROVINCE]);
  const watch = new MarkerWatch(f.cities.get(MARKER_CITY)!.spec.database);
  await watch.connect();

  const markerCustomer = f.customers.get(MARKER_CITY)![0]!;
  const markerAccount = f.accounts.get(MARKER_CITY)!.get(markerCustomer)!;
  log(
    `latency: ${options.rate} events/s for ${options.seconds} s through the province's ${options.door} door...`,
  );
  const loadStarted = Date.now();
  const loadRun = runLoad(p, {
    rate: options.rate,
    concurrency: 4,
    cities: new Map(),
    provinces: new Map([[PROVINCE, provinceDoor]]),
    kafka,
  });
  let loadDone = false;
  void loadRun.finally(() => (loadDone = true)).catch(() => undefined);

  const acked: { id: string; at: number }[] = [];
  const markers = (async () => {
    for (let k = 0; !loadDone && k < options.seconds * 2; k++) {
      const next = loadStarted + (k + 1) * 1000;
      if (next > Date.now()) await sleep(next - Date.now());
      const event: LoadEvent = {
        eventId: `marker-${f.fed.namespace}-${k}`,
        customerId: markerCustomer,
        billingAccount: markerAccount,
        product: 'idc',
        billingMonth: month,
        occurredAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        amountFen: 1000n + BigInt(k),
        quantity: '1',
        unit: 'rack-day',
      };
      if (markerKafka) await markerKafka.send(PROVINCE, [event]);
      else {
        const outcome = await sendRest(provinceDoor, [event]);
        if (outcome.accepted !== 1) throw new Error(`marker ${k} not routed: ${outcome.reasons.join('; ')}`);
      }
      acked.push({ id: event.eventId, at: Date.now() });
    }
  })();
  let markersDone = false;
  void markers.finally(() => (markersDone = true)).catch(() => undefined);
  while (!markersDone || watch.seen.size < acked.length) {
    await watch.poll(acked.map((a) => a.id));
    if (markersDone && Date.now() - loadStarted > (options.seconds + 300) * 1000) break;
    await sleep(options.poll);
  }
  await markers;
  const summary = await loadRun;
  await Promise.all([kafka?.disconnect(), markerKafka?.disconnect(), watch.end()]);

  const seen = acked.filter((a) => watch.seen.has(a.id));
  const visible = seen.map((a) => watch.seen.get(a.id)!.visibleAt - a.at).sort((x, y) => x - y);
  const received = seen.map((a) => watch.seen.get(a.id)!.receivedAt - a.at).sort((x, y) => x - y);
  const r = summary.province.events > 0 ? summary.province : summary.provinceKafka;
  return {
    latencyDoor: options.door,
    offeredPerSec: options.rate,
    sustainedPerSec: Math.round(summary.eventsPerSecond),
    loadEvents: summary.sent,
    loadRejected: r.rejected,
    markers: acked.length,
    markersSeen: seen.length,
    pollMs: options.poll,
    latencyP50Ms: percentile(visible, 0.5),
    latencyP99Ms: percentile(visible, 0.99),
    latencyMaxMs: visible.at(-1) ?? NaN,
    receivedAtP50Ms: Math.round(percentile(received, 0.5)),
    receivedAtP99Ms: Math.round(percentile(received, 0.99)),
    parkedAfterLatency: await parked(f),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const loadBefore = load();
  const fed = new FederationFixture();
  try {
    log(
      `${PROVINCE} over ${CITIES.join(', ')}; ${options.customers} customers per city; load average ${loadBefore}`,
    );
    const quiet = { STATUS_REPORT_INTERVAL_MS: '15000', LOG_LEVEL: 'warn' };
    const province = await fed.addNode(PROVINCE, 'province', {
      ...quiet,
      ...(options.relayBatch > 0 ? { RELAY_BATCH_SIZE: String(options.relayBatch) } : {}),
    });
    const cities = new Map<string, NodeProcess>();
    for (const code of CITIES) cities.set(code, await fed.addNode(code, 'city', quiet));
    await Promise.all([province, ...cities.values()].map((n) => n.startAndWaitReady()));

    const month = billingMonthOf(new Date());
    const f: Federation = {
      fed,
      province,
      cities,
      customers: new Map(),
      accounts: new Map(),
      months: monthsBetween(addMonths(month, -2), month),
    };
    const expected = new Map<string, string>();
    for (const [code, node] of cities) {
      const admin = new NodeApi(code, node.url, await tokenFor({ roles: 'city_admin', node: code }));
      const customers = await cityCustomers(admin, options.customers, 'province-bench');
      const accounts = await ensureBillingAccounts(admin, customers, {
        source: PROVINCE_SOURCE,
        seed: 'province-bench',
        months: f.months,
      });
      f.customers.set(code, customers);
      f.accounts.set(code, accounts);
      for (const number of accounts.values()) expected.set(number, code);
    }
    const analyst = new NodeApi(
      PROVINCE,
      province.url,
      await tokenFor({ roles: 'province_analyst', node: PROVINCE }),
    );
    const unrouted = await waitForRoutes(analyst, PROVINCE_SOURCE, expected, f.months, 180_000);
    if (unrouted.length > 0)
      throw new Error(`the province routes none of ${unrouted.slice(0, 5).join(', ')}`);
    log(`${expected.size} billing accounts routable at ${PROVINCE}`);

    const result: Record<string, number | string> = {
      customersPerCity: options.customers,
      provinceRelayBatch: options.relayBatch > 0 ? options.relayBatch : 'default',
    };
    if (options.part !== 'latency') Object.assign(result, await rate(f, options));
    if (options.part !== 'rate') Object.assign(result, await latency(f, options));
    result.loadAverageBefore = loadBefore;
    result.loadAverageAfter = load();
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
