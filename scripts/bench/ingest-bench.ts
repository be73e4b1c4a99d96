/**
 * Ingest into one city's usage ledger, three ways, on a fresh throw-away city database with N
 * customers, measured in the same run on the same machine:
 *   (a) raw COPY of the same rows into billing_usage_event (psql \copy): the baseline;
 *   (b) the REST door, POST /api/v1/usage-batches with concurrent requests;
 *   (c) the Kafka door: the whole load produced while the city is stopped (JSON arrays of up to
 *       --batch CloudEvents per record, keyed by customer), then the rate at which the city books
 *       it after it starts (ledger rows ÷ time between the first and the last booked batch).
 *
 *   npm run bench:ingest -- [--customers 200] [--events 100000] [--concurrency 8] [--batch 1000]
 *
 * Prints a table and one JSON line. Figures belong in docs/benchmarks.md with this command.
 */
import { spawn } from 'node:child_process';
import { BILLED_PRODUCTS } from '@kaf/billing';
import { NodeApi } from '@kaf/cli/seed/node-api';
import { cityCustomers } from '@kaf/cli/billing/city-customers';
import { toKafkaRecords } from '@kaf/cli/billing/cloud-event';
import { type LoadEvent, type LoadPlan, planLoad } from '@kaf/cli/billing/load-plan';
import { runLoad } from '@kaf/cli/billing/load-runner';
import { addMonths, billingMonthOf, monthsBetween } from '@kaf/platform';
import { KafkaUsageProducer } from '@kaf/cli/billing/usage-doors';
import { tokenFor } from '../../test/support/auth';
import { FederationFixture, kafkaClient } from '../../test/support/federation-fixture';
import type { NodeProcess } from '../../test/support/node-process';
import { databaseUrl } from '../../test/support/test-database';
import { waitFor } from '../../test/support/wait';

const CITY = '440300';

interface Options {
  customers: number;
  events: number;
  concurrency: number;
  batch: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { customers: 200, events: 100_000, concurrency: 8, batch: 1000 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(key in options) || !Number.isInteger(value) || value <= 0)
      throw new Error(`bad argument ${argv[i]} ${argv[i + 1]}`);
    options[key] = value;
  }
  if (options.batch > 1000) throw new Error('--batch is at most 1000');
  return options;
}

const log = (msg: string): void => void process.stdout.write(`${msg}\n`);

/** A plan of new events only (no copies, no corrections): every event becomes one ledger row. */
function freshPlan(seed: string, source: string, customers: string[], options: Options): LoadPlan {
  const now = new Date();
  const month = billingMonthOf(now);
  return planLoad({
    seed,
    source,
    door: 'rest',
    cities: [{ code: CITY, province: '440000', customers }],
    products: BILLED_PRODUCTS,
    months: monthsBetween(addMonths(month, -2), month),
    events: options.events,
    duplicates: 0,
    corrections: 0,
    late: 0.05,
    batch: options.batch,
    now,
  });
}

/** COPY text format: tab-separated, \N for null. Generated strings hold no tabs or backslashes. */
function copyRows(events: readonly LoadEvent[], source: string): string {
  return events
    .map((e, i) =>
      [
        `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`,
        source,
        e.eventId,
        e.customerId,
        e.product,
        e.billingMonth,
        e.occurredAt,
        e.amountFen.toString(),
        e.quantity,
        e.unit,
      ].join('\t'),
    )
    .join('\n')
    .concat('\n');
}

async function rawCopy(city: NodeProcess, events: readonly LoadEvent[]): Promise<number> {
  const data = copyRows(events, 'bench-copy');
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const psql = spawn(
      'psql',
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-d',
        databaseUrl(city.spec.database),
        '-c',
        '\\copy billing_usage_event (id, source, event_id, customer_id, product, billing_month, occurred_at, amount_fen, quantity, unit) FROM STDIN',
      ],
      { stdio: ['pipe', 'inherit', 'inherit'] },
    );
    psql.once('error', reject);
    psql.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql exited with ${code}`))));
    psql.stdin.end(data);
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function ledgerRows(fed: FederationFixture, source: string): Promise<number> {
  return fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event WHERE source = $1', [source]);
}

/** Seconds between the first and the last booked batch of `source`, by the ledger's own clock. */
async function bookingSpan(fed: FederationFixture, source: string): Promise<number> {
  const [row] = await fed.sql<{ s: string }>(
    CITY,
    `SELECT extract(epoch FROM max(received_at) - min(received_at)) AS s FROM billing_usage_event WHERE source = $1`,
    [source],
  );
  return Number(row?.s ?? NaN);
}

async function kafkaDoor(
  fed: FederationFixture,
  city: NodeProcess,
  plan: LoadPlan,
  source: string,
  batch: number,
): Promise<{ perSec: number; produceSec: number; records: number } | string> {
  const producer = new KafkaUsageProducer(
    [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
    fed.namespace,
    source,
  );
  const admin = kafkaClient().admin();
  await admin.connect();
  const topics = await admin.listTopics();
  await admin.disconnect();
  if (!topics.includes(producer.topic(CITY)))
    return `no topic ${producer.topic(CITY)}: this build has no Kafka door`;

  const events = plan.cities[0]!.sends.flatMap((s) => s.events);
  await city.stop();
  await producer.connect([CITY]);
  const records = toKafkaRecords(events, source, batch);
  const started = Date.now();
  for (let i = 0; i < records.length; i += 20) {
    await producer.sendRecords(CITY, records.slice(i, i + 20));
  }
  const produceSec = (Date.now() - started) / 1000;
  await producer.disconnect();
  await city.startAndWaitReady();
  await waitFor(
    'the Kafka door to book every event',
    () => ledgerRows(fed, source),
    (n) => n >= events.length,
    900_000,
    500,
  );
  return { perSec: events.length / (await bookingSpan(fed, source)), produceSec, records: records.length };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const fed = new FederationFixture();
  try {
    log(`city ${CITY}, ${options.customers} customers, ${options.events} events, batch ${options.batch}`);
    const city = await fed.addNode(CITY, 'city', { STATUS_REPORT_INTERVAL_MS: '15000', LOG_LEVEL: 'warn' });
    await city.startAndWaitReady();
    const admin = new NodeApi(CITY, city.url, await tokenFor({ roles: 'city_admin', node: CITY }));
    const customers = await cityCustomers(admin, options.customers, 'bench');

    log('(a) raw COPY into billing_usage_event...');
    const copyPlan = freshPlan('bench-copy', 'bench-copy', customers, options);
    const copyEvents = copyPlan.cities[0]!.sends.flatMap((s) => s.events);
    const copySec = await rawCopy(city, copyEvents);
    const copyPerSec = copyEvents.length / copySec;
    await fed.sql(CITY, `DELETE FROM billing_usage_event WHERE source = 'bench-copy'`);
    await fed.sql(CITY, 'VACUUM ANALYZE billing_usage_event');

    log(`(b) REST door, ${options.concurrency} requests in flight...`);
    const restSource = 'bench-rest';
    const restPlan = freshPlan('bench-rest', restSource, customers, options);
    const token = await tokenFor({ roles: 'billing_system', node: CITY, subject: restSource });
    const rest = await runLoad(restPlan, {
      rate: 0,
      concurrency: options.concurrency,
      cities: new Map([[CITY, { code: CITY, url: city.url, token }]]),
    });
    if (rest.rest.accepted !== options.events)
      throw new Error(`REST door booked ${rest.rest.accepted} of ${options.events}`);
    const restPerSec = rest.eventsPerSecond;

    log('(c) Kafka door, pre-produced...');
    const kafkaSource = 'bench-kafka';
    const kafka = await kafkaDoor(
      fed,
      city,
      freshPlan('bench-kafka', kafkaSource, customers, options),
      kafkaSource,
      options.batch,
    );

    const ratio = (v: number): number => Number((v / copyPerSec).toFixed(3));
    const result = {
      customers: options.customers,
      events: options.events,
      batch: options.batch,
      copyPerSec: Math.round(copyPerSec),
      restPerSec: Math.round(restPerSec),
      restConcurrency: options.concurrency,
      restRatioToCopy: ratio(restPerSec),
      kafkaPerSec: typeof kafka === 'string' ? null : Math.round(kafka.perSec),
      kafkaRatioToCopy: typeof kafka === 'string' ? null : ratio(kafka.perSec),
      kafkaRecords: typeof kafka === 'string' ? null : kafka.records,
      kafkaProduceSec: typeof kafka === 'string' ? null : Number(kafka.produceSec.toFixed(1)),
      kafkaNote: typeof kafka === 'string' ? kafka : undefined,
    };
    log('');
    log(`| figure | value |`);
    log(`|---|---|`);
    for (const [k, v] of Object.entries(result)) if (v !== undefined) log(`| ${k} | ${v} |`);
    log(`\nRESULT ${JSON.stringify(result)}`);
  } finally {
    await fed.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
