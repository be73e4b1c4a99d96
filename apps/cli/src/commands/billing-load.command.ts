import { BILLED_PRODUCTS } from '@kaf/billing';
import { addMonths, billingMonthOf } from '@kaf/platform';
import { mintDevToken } from '../auth/mint-token';
import { parseMonthRange } from '../billing/load-months';
import { ensureBillingAccounts, waitForRoutes } from '../billing/billing-accounts';
import { cityCustomers } from '../billing/city-customers';
import { DOOR_CHOICES, type DoorChoice, isProvinceDoor, planLoad } from '../billing/load-plan';
import { type LoadSummary, runLoad } from '../billing/load-runner';
import { KafkaUsageProducer, type RestCity } from '../billing/usage-doors';
import { type NodeRecord, readState } from '../federation/federation-state';
import { probeReady } from '../federation/node-http';
import { NodeApi } from '../seed/node-api';
import { formatTable } from '../util/table';
import { listOption, percentOption } from './billing-options';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds, UsageError } from './command';
import { displayPath, resolvePath, resolveRunDir, RUN_DIR_OPTION, runDirHelp } from './federation-options';

const DEFAULTS = {
  door: 'rest' as DoorChoice,
  customers: 50,
  events: 10_000,
  duplicates: 2,
  corrections: 1,
  late: 5,
  rate: 0,
  batch: 500,
  concurrency: 4,
  seed: 'kaf-load',
  source: 'billing-load',
  kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
};
const TOKEN_TTL_SECONDS = 12 * 3600;
/** How long a province door load waits for the province to route the accounts it created. */
const ROUTES_TIMEOUT_MS = 120_000;
const MAX_EVENTS = 5_000_000;

const HELP = `Usage: billing load [options]

Pushes billing usage to the city nodes of a running local federation (recorded
in <run-dir>/state.json) as an upstream billing system would: charges and
credits in integer fen over several products and months, re-sent duplicates,
corrections of earlier events and late events for earlier months. The events,
their ids and the truth are a function of --seed and the cities' customers.
Through a province door the same events name each customer's billing account
of --source instead of the customer (one is created at the city for each
customer that has none, numbered <city>-<seed tag>-<n>), and go to the
province of the city, which routes them to the city.

Options:
${runDirHelp(26)}
  --door DOOR             rest (POST /api/v1/usage-batches), kafka (the city's
                          <namespace>.<city>.billing-usage topic, CloudEvents),
                          both (each customer through one door, re-sent copies
                          through either), province (POST /api/v1/usage-batches
                          at the city's province, by billing account) or
                          province-kafka (the province's
                          <namespace>.<province>.billing-usage topic, by billing
                          account) (default: ${DEFAULTS.door})
  --cities CODES          cities to bill (comma-separated; default: every
                          recorded city)
  --customers N           customers billed per city: existing ones first, more
                          created through POST /api/v1/customers (default: ${DEFAULTS.customers})
  --products LIST         products billed (default: all: ${BILLED_PRODUCTS.join(', ')})
  --months FROM..TO       billing months (default: the last three, this one
                          included, Asia/Shanghai)
  --events N              events sent in all, over all cities, copies and
                          corrections included (default: ${DEFAULTS.events})
  --duplicates PCT        share of events that re-send an earlier one (default: ${DEFAULTS.duplicates})
  --corrections PCT       share of events that correct an earlier one (default: ${DEFAULTS.corrections})
  --late PCT              share of new events for a month earlier than the one
                          being sent (default: ${DEFAULTS.late})
  --rate N                events per second over all cities; 0 = as fast as the
                          doors take them (default: ${DEFAULTS.rate})
  --batch N               events per request or produce call, at most 1000 (default: ${DEFAULTS.batch})
  --concurrency N         REST requests in flight per city (default: ${DEFAULTS.concurrency})
  --seed TEXT             seed of the generator (default: ${DEFAULTS.seed})
  --source NAME           billing system identity: the REST token subject and the
                          CloudEvents source (default: ${DEFAULTS.source})
  --truth FILE            write the ground truth there (per city x customer x
                          product x month: revenue fen and events in force)
  --kafka-brokers LIST    (default: ${DEFAULTS.kafkaBrokers})
  -h, --help              show this help

The same seed sent twice books nothing new (every event is a duplicate); use
another seed to add traffic. Check the federation afterwards with
'billing verify --truth FILE'.

Exit status: 0 when every event was taken (REST: accepted or duplicate; at a
province: routed), 1 when a node refused events or could not be reached, 2 on
bad usage.`;

export interface BillingLoadOptions {
  runDir: string;
  door: DoorChoice;
  cities: string[] | undefined;
  customers: number;
  products: string[];
  months: string[];
  events: number;
  duplicates: number;
  corrections: number;
  late: number;
  rate: number;
  batch: number;
  concurrency: number;
  seed: string;
  source: string;
  truthFile: string | undefined;
  kafkaBrokers: string[];
}

export const billingLoadCommand: CliCommand = {
  name: 'billing load',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...RUN_DIR_OPTION,
      door: { type: 'string' },
      cities: { type: 'string' },
      customers: { type: 'string' },
      products: { type: 'string' },
      months: { type: 'string' },
      events: { type: 'string' },
      duplicates: { type: 'string' },
      corrections: { type: 'string' },
      late: { type: 'string' },
      rate: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      source: { type: 'string' },
      truth: { type: 'string' },
      'kafka-brokers': { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const door = values.string('door') ?? DEFAULTS.door;
    if (!(DOOR_CHOICES as readonly string[]).includes(door)) {
      throw new UsageError(`--door must be one of ${DOOR_CHOICES.join(', ')}, got '${door}'`);
    }
    const products = listOption(values.string('products')) ?? [...BILLED_PRODUCTS];
    const unknown = products.filter((p) => !(BILLED_PRODUCTS as readonly string[]).includes(p));
    if (unknown.length > 0) {
      throw new UsageError(
        `--products: unknown ${unknown.join(', ')} (expected ${BILLED_PRODUCTS.join(', ')})`,
      );
    }
    const current = billingMonthOf(new Date());
    let months: string[];
    try {
      months = parseMonthRange(values.string('months') ?? `${addMonths(current, -2)}..${current}`);
    } catch (error) {
      throw new UsageError(`--months ${(error as Error).message}`);
    }
    const duplicates = percentOption('duplicates', values.string('duplicates'), DEFAULTS.duplicates);
    const corrections = percentOption('corrections', values.string('corrections'), DEFAULTS.corrections);
    if (duplicates + corrections > 0.9)
      throw new UsageError('--duplicates and --corrections together must stay under 90');
    const seed = values.string('seed') ?? DEFAULTS.seed;
    if (seed.trim() === '') throw new UsageError('--seed must not be empty');
    const source = values.string('source') ?? DEFAULTS.source;
    if (!/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/.test(source)) {
      throw new UsageError(`--source must be 1-100 of letters, digits and . _ : @ -, got '${source}'`);
    }
    const truth = values.string('truth');
    return billingLoad(
      {
        runDir: resolveRunDir(ctx, values.string('run-dir')),
        door: door as DoorChoice,
        cities: listOption(values.string('cities')),
        customers: intOption('customers', values.string('customers'), DEFAULTS.customers, 1, 10_000),
        products,
        months,
        events: intOption('events', values.string('events'), DEFAULTS.events, 1, MAX_EVENTS),
        duplicates,
        corrections,
        late: percentOption('late', values.string('late'), DEFAULTS.late),
        rate: intOption('rate', values.string('rate'), DEFAULTS.rate, 0, 1_000_000),
        batch: intOption('batch', values.string('batch'), DEFAULTS.batch, 1, 1000),
        concurrency: intOption('concurrency', values.string('concurrency'), DEFAULTS.concurrency, 1, 64),
        seed,
        source,
        truthFile: truth === undefined ? undefined : resolvePath(ctx, truth),
        kafkaBrokers: listOption(values.string('kafka-brokers') ?? DEFAULTS.kafkaBrokers) ?? [],
      },
      ctx,
    );
  },
};

async function billingLoad(options: BillingLoadOptions, ctx: CliContext): Promise<number> {
  const state = readState(options.runDir);
  if (!state || state.nodes.length === 0) {
    ctx.err(
      `billing load: no federation recorded in ${displayPath(ctx, options.runDir)} (start one with federation up)`,
    );
    return 1;
  }
  let cities = state.nodes.filter((n) => n.tier === 'city');
  if (options.cities) {
    const missing = options.cities.filter((c) => !cities.some((n) => n.code === c));
    if (missing.length > 0) throw new UsageError(`--cities: not a recorded city: ${missing.join(', ')}`);
    cities = cities.filter((n) => options.cities!.includes(n.code));
  }
  if (cities.length === 0) {
    ctx.err('billing load: no city node is recorded');
    return 1;
  }
  const provinces = isProvinceDoor(options.door)
    ? state.nodes.filter((n) => n.tier === 'province' && cities.some((c) => c.parent === n.code))
    : [];
  const orphans = cities.filter(
    (c) => isProvinceDoor(options.door) && !provinces.some((p) => p.code === c.parent),
  );
  if (orphans.length > 0) {
    ctx.err(`billing load: no province recorded for ${orphans.map((c) => c.code).join(', ')}`);
    return 1;
  }
  const notReady: string[] = [];
  await Promise.all(
    [...cities, ...provinces].map(async (n) => {
      const r = await probeReady(n.url);
      if (r.state !== 'ready') notReady.push(`${n.code} (${r.detail})`);
    }),
  );
  if (notReady.length > 0) {
    ctx.err(`billing load: node(s) not ready: ${notReady.join(', ')}`);
    return 1;
  }

  const token = (
    n: NodeRecord,
    role: 'city_admin' | 'billing_system' | 'province_analyst',
    subject: string,
  ): Promise<string> =>
    mintDevToken(options.runDir, { subject, roles: [role], node: n.code, ttlSeconds: TOKEN_TTL_SECONDS });
  const customers = await Promise.all(
    cities.map(async (n) => {
      const api = new NodeApi(n.code, n.url, await token(n, 'city_admin', `billing-load@${n.code}`));
      const ids = await cityCustomers(api, options.customers, options.seed, (line) => ctx.err(line));
      const accounts = isProvinceDoor(options.door)
        ? await ensureBillingAccounts(api, ids, options, (line) => ctx.err(line))
        : undefined;
      return { ids, accounts };
    }),
  );
  if (isProvinceDoor(options.door)) {
    const routable = await provincesRoute(options, cities, provinces, customers, token, ctx);
    if (!routable) return 1;
  }
  const plan = planLoad({
    seed: options.seed,
    source: options.source,
    door: options.door,
    cities: cities.map((n, i) => ({
      code: n.code,
      province: n.parent ?? '',
      customers: customers[i]!.ids,
      accounts: customers[i]!.accounts,
    })),
    products: options.products,
    months: options.months,
    events: options.events,
    duplicates: options.duplicates,
    corrections: options.corrections,
    late: options.late,
    batch: options.batch,
    now: new Date(),
  });
  if (options.truthFile) {
    plan.truth.write(options.truthFile);
    ctx.err(`ground truth in ${displayPath(ctx, options.truthFile)}`);
  }
  const targets = new Map<string, RestCity>(
    await Promise.all(
      cities.map(
        async (n) =>
          [
            n.code,
            { code: n.code, url: n.url, token: await token(n, 'billing_system', options.source) },
          ] as const,
      ),
    ),
  );
  const provinceTargets = new Map<string, RestCity>(
    await Promise.all(
      provinces.map(
        async (n) =>
          [
            n.code,
            {
              code: n.code,
              url: n.url,
              token: await token(n, 'billing_system', options.source),
              province: {},
            },
          ] as const,
      ),
    ),
  );
  let kafka: KafkaUsageProducer | undefined;
  if (options.door === 'kafka' || options.door === 'both' || options.door === 'province-kafka') {
    kafka = new KafkaUsageProducer(options.kafkaBrokers, state.namespace, options.source);
    await kafka.connect((options.door === 'province-kafka' ? provinces : cities).map((n) => n.code));
  }
  const via = isProvinceDoor(options.door)
    ? ` via province(s) ${provinces.map((p) => p.code).join(', ')}`
    : '';
  ctx.err(
    `billing load: ${plan.counts.events.toLocaleString('en-US')} events to ${cities.length} city node(s)${via} through ${options.door}, ` +
      `months ${options.months[0]}..${options.months.at(-1)}, seed '${options.seed}', source '${options.source}'`,
  );
  let summary: LoadSummary;
  try {
    summary = await runLoad(plan, {
      rate: options.rate,
      concurrency: options.concurrency,
      cities: targets,
      provinces: provinceTargets,
      kafka,
      progress: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    });
  } finally {
    await kafka?.disconnect();
  }
  return report(summary, plan.counts, options, ctx);
}

/**
 * Waits until each province routes the accounts of its cities' billed customers; their snapshots
 * travel upward after the accounts were created. False (with the numbers) when some never came.
 */
async function provincesRoute(
  options: BillingLoadOptions,
  cities: readonly NodeRecord[],
  provinces: readonly NodeRecord[],
  customers: readonly { accounts: ReadonlyMap<string, string> | undefined }[],
  token: (n: NodeRecord, role: 'province_analyst', subject: string) => Promise<string>,
  ctx: CliContext,
): Promise<boolean> {
  const missing = await Promise.all(
    provinces.map(async (p) => {
      const expected = new Map<string, string>();
      cities.forEach((c, i) => {
        if (c.parent !== p.code) return;
        for (const number of customers[i]!.accounts!.values()) expected.set(number, c.code);
      });
      const api = new NodeApi(p.code, p.url, await token(p, 'province_analyst', `billing-load@${p.code}`));
      const left = await waitForRoutes(api, options.source, expected, options.months, ROUTES_TIMEOUT_MS);
      return left.map((number) => `${p.code}: ${number}`);
    }),
  );
  const flat = missing.flat();
  if (flat.length > 0) {
    ctx.err(
      `billing load: after ${seconds(ROUTES_TIMEOUT_MS)} the province cannot route ${flat.length} account(s) yet, e.g. ${flat.slice(0, 5).join(', ')}`,
    );
    return false;
  }
  return true;
}

function report(
  summary: LoadSummary,
  counts: ReturnType<typeof planLoad>['counts'],
  options: BillingLoadOptions,
  ctx: CliContext,
): number {
  const n = (v: number): string => v.toLocaleString('en-US');
  const rows: string[][] = [];
  if (summary.rest.events > 0) {
    const r = summary.rest;
    rows.push(['rest', n(r.events), n(r.accepted), n(r.duplicates), n(r.rejected), n(r.calls)]);
  }
  if (summary.kafka.events > 0) {
    const k = summary.kafka;
    rows.push(['kafka', n(k.events), 'booked by the door', '-', '-', n(k.calls)]);
  }
  if (summary.province.events > 0) {
    const r = summary.province;
    rows.push(['province', n(r.events), `${n(r.accepted)} routed`, 'at the city', n(r.rejected), n(r.calls)]);
  }
  if (summary.provinceKafka.events > 0) {
    const k = summary.provinceKafka;
    rows.push(['province-kafka', n(k.events), 'routed by the door', 'at the city', '-', n(k.calls)]);
  }
  ctx.out(formatTable(['DOOR', 'SENT', 'ACCEPTED', 'DUPLICATES', 'REJECTED', 'CALLS'], rows));
  ctx.out(
    `planned: ${n(counts.originals)} new events (${n(counts.late)} late, ${n(counts.adjustments)} credits), ` +
      `${n(counts.corrections)} corrections, ${n(counts.duplicates)} duplicates`,
  );
  ctx.out(
    `sent ${n(summary.sent)} events in ${seconds(summary.elapsedMs)}: ${n(Math.round(summary.eventsPerSecond))} events/s` +
      (options.truthFile ? `; truth in ${options.truthFile}` : ''),
  );
  const rejected = summary.rest.rejected + summary.province.rejected;
  if (rejected > 0) {
    ctx.err(`billing load: ${n(rejected)} event(s) rejected, e.g.:`);
    for (const r of summary.reasons.slice(0, 10)) ctx.err(`  ${r}`);
    return 1;
  }
  return 0;
}
