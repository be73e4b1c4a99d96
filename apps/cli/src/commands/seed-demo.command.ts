import { shanghaiDate } from '@kaf/platform';
import { mintDevToken } from '../auth/mint-token';
import { type FederationState, type NodeRecord, readState } from '../federation/federation-state';
import { probeReady } from '../federation/node-http';
import { planDemo } from '../seed/demo-plan';
import { NodeApi } from '../seed/node-api';
import { SEEDED_KINDS, type SeedCounts } from '../seed/seed-counts';
import { runSeed } from '../seed/seed-runner';
import { formatTable } from '../util/table';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds, UsageError } from './command';
import { displayPath, resolveRunDir, RUN_DIR_OPTION, runDirHelp } from './federation-options';

const DEFAULTS = { seed: 'kaf-demo', customersPerCity: 20, accountManagers: 3, replicaTimeoutMs: 60_000 };
const TOKEN_TTL_SECONDS = 3600;
const MAX_ERRORS_SHOWN = 10;

const HELP = `Usage: seed demo [options]

Fills a running local federation (recorded in <run-dir>/state.json) with demo data,
through the nodes' REST APIs only, with tokens signed by the federation's key:
  national node  3 group customers (hq_admin)
  every city     a chief, a supervisor and account managers (E<city>-001 ...),
                 customers with valid credit codes over several industries, grades,
                 classes and statuses, some of them branches of the groups;
                 contacts, service agreements (some ending within 30 days) and
                 visits with follow-up tasks (city_admin)
The data is a function of --seed and --today: the same values give the same
companies, codes and dates. Running it again adds nothing (duplicates answer 409
and are looked up instead).

Options:
${runDirHelp(28)}
  --seed TEXT               seed of the generator (default: ${DEFAULTS.seed})
  --today YYYY-MM-DD        the day agreements and visits are dated from
                            (default: today in Asia/Shanghai)
  --cities CODES            seed only these cities (comma-separated; default: all
                            recorded cities)
  --customers-per-city N    (default: ${DEFAULTS.customersPerCity})
  --replica-timeout-ms N    how long a city may take to receive the groups
                            (default: ${DEFAULTS.replicaTimeoutMs})
  -h, --help                show this help

Exit status: 0 when everything was seeded, 1 when a node refused something or
is not running, 2 on bad usage.`;

export const seedDemoCommand: CliCommand = {
  name: 'seed demo',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...RUN_DIR_OPTION,
      seed: { type: 'string' },
      today: { type: 'string' },
      cities: { type: 'string' },
      'customers-per-city': { type: 'string' },
      'replica-timeout-ms': { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const today = values.string('today') ?? shanghaiDate(new Date());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
      throw new UsageError(`--today must be a date like 2025-03-10, got '${today}'`);
    }
    const seed = values.string('seed') ?? DEFAULTS.seed;
    if (seed.trim() === '') throw new UsageError('--seed must not be empty');
    return seedDemo(
      {
        runDir: resolveRunDir(ctx, values.string('run-dir')),
        seed,
        today,
        cities: values
          .string('cities')
          ?.split(',')
          .map((c) => c.trim())
          .filter(Boolean),
        customersPerCity: intOption(
          'customers-per-city',
          values.string('customers-per-city'),
          DEFAULTS.customersPerCity,
          1,
          200,
        ),
        replicaTimeoutMs: intOption(
          'replica-timeout-ms',
          values.string('replica-timeout-ms'),
          DEFAULTS.replicaTimeoutMs,
          0,
          600_000,
        ),
      },
      ctx,
    );
  },
};

interface SeedDemoOptions {
  runDir: string;
  seed: string;
  today: string;
  cities: string[] | undefined;
  customersPerCity: number;
  replicaTimeoutMs: number;
}

/** The recorded nodes the seed talks to, or a reason why it cannot run. */
function targets(
  state: FederationState | undefined,
  only: string[] | undefined,
): { national: NodeRecord; provinces: NodeRecord[]; cities: NodeRecord[] } | string {
  if (!state || state.nodes.length === 0) return 'no federation recorded (start one with federation up)';
  const national = state.nodes.find((n) => n.tier === 'national');
  if (!national) return 'the national node is not part of the recorded federation';
  let cities = state.nodes.filter((n) => n.tier === 'city');
  if (only) {
    const unknown = only.filter((c) => !cities.some((n) => n.code === c));
    if (unknown.length > 0) throw new UsageError(`--cities: not a recorded city: ${unknown.join(', ')}`);
    cities = cities.filter((n) => only.includes(n.code));
  }
  if (cities.length === 0) return 'no city node is recorded';
  return { national, provinces: state.nodes.filter((n) => n.tier === 'province'), cities };
}

async function seedDemo(options: SeedDemoOptions, ctx: CliContext): Promise<number> {
  const found = targets(readState(options.runDir), options.cities);
  if (typeof found === 'string') {
    ctx.err(`seed demo: ${found} in ${displayPath(ctx, options.runDir)}`);
    return 1;
  }
  const { national, provinces, cities } = found;
  const notReady: string[] = [];
  await Promise.all(
    [national, ...cities].map(async (n) => {
      const r = await probeReady(n.url);
      if (r.state !== 'ready') notReady.push(`${n.code} (${r.detail})`);
    }),
  );
  if (notReady.length > 0) {
    ctx.err(`seed demo: node(s) not ready: ${notReady.join(', ')}`);
    return 1;
  }

  const began = Date.now();
  const plan = planDemo({
    seed: options.seed,
    today: options.today,
    provinces: provinces.map((p) => p.code),
    cities: cities.map((c) => ({ code: c.code, name: c.name })),
    customersPerCity: options.customersPerCity,
    accountManagersPerCity: DEFAULTS.accountManagers,
  });
  const client = async (n: NodeRecord, role: 'hq_admin' | 'city_admin'): Promise<NodeApi> => {
    const token = await mintDevToken(options.runDir, {
      subject: `demo-seed@${n.code}`,
      roles: [role],
      node: n.code,
      name: 'Demo seed',
      ttlSeconds: TOKEN_TTL_SECONDS,
    });
    return new NodeApi(n.code, n.url, token);
  };
  const apis = {
    national: await client(national, 'hq_admin'),
    cities: new Map(
      await Promise.all(cities.map(async (c) => [c.code, await client(c, 'city_admin')] as const)),
    ),
  };
  ctx.err(
    `seeding ${cities.length} city node(s) and ${national.code} (seed '${plan.seed}', today ${plan.today})`,
  );
  const counts = await runSeed(plan, apis, {
    replicaTimeoutMs: options.replicaTimeoutMs,
    concurrency: 4,
    progress: (line) => ctx.err(`  ${line}`),
  });
  report(counts, [national.code, ...cities.map((c) => c.code)], ctx);
  if (counts.errors.length > 0) {
    ctx.err(`seed demo: ${counts.errors.length} problem(s):`);
    for (const e of counts.errors.slice(0, MAX_ERRORS_SHOWN)) ctx.err(`  ${e}`);
    if (counts.errors.length > MAX_ERRORS_SHOWN)
      ctx.err(`  ... and ${counts.errors.length - MAX_ERRORS_SHOWN} more`);
    return 1;
  }
  ctx.out(`demo data seeded in ${seconds(Date.now() - began)} (seed '${plan.seed}', today ${plan.today})`);
  return 0;
}

function report(counts: SeedCounts, nodes: string[], ctx: CliContext): void {
  const cell = (created: number, existing: number): string =>
    existing > 0 ? `${created} (+${existing} existing)` : String(created);
  ctx.out(
    formatTable(
      ['RECORDS', ...nodes, 'TOTAL'],
      SEEDED_KINDS.map((kind) => {
        const total = counts.total(kind);
        return [
          kind,
          ...nodes.map((n) => {
            const t = counts.of(n, kind);
            return t.created + t.existing === 0 ? '-' : cell(t.created, t.existing);
          }),
          cell(total.created, total.existing),
        ];
      }),
    ),
  );
}
