/**
 * Lateness of the trouble tickets' SLA thresholds (ADR 0046): a city (440300) and its province
 * (440000), real processes. The province sets its own service policy with short targets for a
 * critical fault of grade A (--response and --restore minutes, 24×7), in force at the city; the
 * city's service desk opens --tickets faults spread evenly over --seconds through
 * `POST /api/v1/trouble-tickets`, for --customers A-grade customers made first. Every threshold
 * that fires (50 and 80 % warn the owner, 100 % escalates) is read from `ticket_sla_threshold`
 * at the city: lateness = fired_at − due_at. Baseline, in the same run and on the same Redis: one
 * bare BullMQ delayed job per ticket, added as the ticket is opened and due at one of that
 * ticket's thresholds (in turn), run by a no-op worker of the same concurrency as the
 * thresholds' own: lateness = processedOn − (timestamp + delay). Restore's 200 % threshold is
 * waited for only with --double 1 (it adds twice the restore target to the run).
 *
 *   npm run bench:ticket-sla -- [--tickets 1000] [--seconds 60] [--customers 50] [--response 1] [--restore 2] [--double 0]
 *
 * Figures belong in docs/benchmarks.md with this command.
 */
import { loadavg } from 'node:os';
import { type Job, Queue, Worker } from 'bullmq';
import type { ServicePolicyView } from '@kaf/service-policy';
import { tokenFor } from '../../test/support/auth';
import { creditCode, customerBody } from '../../test/support/builders';
import { FederationFixture } from '../../test/support/federation-fixture';
import type { NodeProcess } from '../../test/support/node-process';
import { sleep, waitFor } from '../../test/support/wait';
import { servicePolicyBody } from '../../test/service-assurance/policy-body';

const PROVINCE = '440000';
const CITY = '440300';
/** The thresholds' own worker runs this many jobs at once (`SlaThresholdJob`). */
const WORKER_CONCURRENCY = 8;
/**
 * Tickets asked for at once at most. Opening a ticket holds a connection for its transaction and
 * starts the clocks reading the policy and calendar replicas on another one: as many openings at
 * once as the city's pool (10) hold every connection and wait on each other for good.
 */
const IN_FLIGHT = 4;

interface Options {
  tickets: number;
  seconds: number;
  customers: number;
  response: number;
  restore: number;
  double: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { tickets: 1000, seconds: 60, customers: 50, response: 1, restore: 2, double: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1] ?? '';
    if (key && key in options && /^\d+$/.test(value) && (Number(value) > 0 || key === 'double')) {
      (options as unknown as Record<string, number>)[key] = Number(value);
    } else throw new Error(`bad argument ${argv[i]} ${value}`);
  }
  if (options.restore < options.response) throw new Error('--restore must not be shorter than --response');
  return options;
}

const log = (msg: string): void => void process.stdout.write(`${msg}\n`);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  n: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => percentile(sorted, p);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN, n: sorted.length };
}

const line = (label: string, s: Spread): string =>
  `${label}: p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms (n=${s.n})`;

type PolicyView = ServicePolicyView;
interface TicketView {
  id: string;
  sla: { target: string; thresholds: { percent: number; dueAt: string }[] }[];
}

/** The province's own policy: the short targets for a critical fault of grade A, in force at the city. */
async function shortPolicy(province: NodeProcess, city: NodeProcess, options: Options): Promise<void> {
  const officer = await tokenFor({ roles: 'province_admin', node: PROVINCE });
  const policy = await province.get<PolicyView>('/api/v1/service-policy', officer);
  const targets = policy.targets.map((t) =>
    t.ticketType === 'fault' && t.severity === 'critical' && t.grade === 'A'
      ? {
          ...t,
          responseMinutes: options.response,
          restoreMinutes: options.restore,
          clock: 'continuous' as const,
        }
      : t,
  );
  const put = await province.request<PolicyView>('PUT', '/api/v1/service-policy', {
    token: officer,
    body: servicePolicyBody({ ...policy, targets }),
  });
  if (put.status !== 200) throw new Error(`PUT service policy: ${put.status} ${put.text}`);
  const admin = await tokenFor({ roles: 'city_admin', node: CITY });
  await waitFor(
    'the short policy in force at the city',
    () => city.get<PolicyView>('/api/v1/service-policy', admin),
    (p) => p.version === put.body.version,
    60_000,
  );
}

async function customers(city: NodeProcess, count: number): Promise<string[]> {
  const admin = await tokenFor({ roles: 'city_admin', node: CITY });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const res = await city.request<{ id: string }>('POST', '/api/v1/customers', {
      token: admin,
      body: customerBody({ grade: 'A', classes: [], creditCode: creditCode(CITY) }),
    });
    if (res.status !== 201) throw new Error(`POST customer: ${res.status} ${res.text}`);
    ids.push(res.body.id);
  }
  return ids;
}

/** The bare baseline: a queue of its own on the node's Redis, and a worker that does nothing. */
function bareQueue(namespace: string): { queue: Queue; worker: Worker } {
  const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const connection = {
    host: redis.hostname,
    port: Number(redis.port || 6379),
    db: redis.pathname.length > 1 ? Number(redis.pathname.slice(1)) : 0,
    ...(redis.password ? { password: decodeURIComponent(redis.password) } : {}),
  };
  const prefix = `kaf:${namespace}:bench`;
  const queue = new Queue('bare-delayed', { connection, prefix });
  const worker = new Worker('bare-delayed', () => Promise.resolve(), {
    connection,
    prefix,
    concurrency: WORKER_CONCURRENCY,
  });
  return { queue, worker };
}

interface Opened {
  /** When the ticket was asked for and answered, ms since the epoch. */
  askedAt: number;
  answeredIn: number;
}

/**
 * Opens the tickets at an even pace over `seconds`; each answered ticket adds its bare job, due
 * at one of its thresholds in turn, so the baseline's due times spread as the thresholds' do.
 */
async function openTickets(
  city: NodeProcess,
  customerIds: readonly string[],
  queue: Queue,
  options: Options,
  percents: (target: string) => number[],
): Promise<Opened[]> {
  const desk = await tokenFor({ roles: 'service_desk', node: CITY, subject: 'desk-1@440300' });
  const opened: Opened[] = [];
  const start = Date.now() + 200;
  const gap = (options.seconds * 1000) / options.tickets;
  let inFlight = 0;
  let failure: unknown;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < options.tickets && failure === undefined; i += 1) {
    await sleep(Math.max(0, start + i * gap - Date.now()));
    while (inFlight >= IN_FLIGHT && failure === undefined) await sleep(5);
    inFlight += 1;
    pending.push(
      (async () => {
        const askedAt = Date.now();
        const res = await city.request<TicketView>('POST', '/api/v1/trouble-tickets', {
          token: desk,
          body: {
            ticketType: 'fault',
            severity: 'critical',
            priority: 'high',
            name: `专线中断 ${i + 1}`,
            description: 'link down',
            channel: 'phone',
            customerId: customerIds[i % customerIds.length],
            reporterName: '张三',
            reporterPhone: '13800000000',
          },
        });
        inFlight -= 1;
        if (res.status !== 201) throw new Error(`POST trouble ticket: ${res.status} ${res.text}`);
        opened.push({ askedAt, answeredIn: Date.now() - askedAt });
        const dues = res.body.sla.flatMap((s) =>
          s.thresholds.filter((t) => percents(s.target).includes(t.percent)).map((t) => Date.parse(t.dueAt)),
        );
        const dueAt = dues.sort((a, b) => a - b)[i % dues.length]!;
        await queue.add(
          'bare',
          { ticket: res.body.id },
          { jobId: `bare-${i}`, delay: Math.max(0, dueAt - Date.now()), removeOnComplete: false },
        );
      })().catch((error: unknown) => void (failure ??= error)),
    );
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  return opened;
}

interface Fired {
  target: string;
  percent: number;
  due: number;
  late: number | null;
}

/** The database server is shared: a refused connection (too many clients) is tried again. */
async function retried<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= 30) throw error;
      await sleep(1000);
    }
  }
}

const thresholds = (fed: FederationFixture, percents: number[]) =>
  retried(() =>
    fed
      .sql<{ target: string; percent: number; due_at: Date; fired_at: Date | null }>(
        CITY,
        `SELECT target, percent, due_at, fired_at FROM ticket_sla_threshold WHERE percent = ANY($1)`,
        [percents],
      )
      .then((rows) =>
        rows.map((r): Fired => ({
          target: r.target,
          percent: r.percent,
          due: r.due_at.getTime(),
          late: r.fired_at ? r.fired_at.getTime() - r.due_at.getTime() : null,
        })),
      ),
  );

async function bareLateness(queue: Queue, expected: number, until: number): Promise<number[]> {
  for (;;) {
    const done = await queue.getJobs(['completed'], 0, -1);
    if (done.length >= expected || Date.now() > until) {
      return done.map((job: Job) => job.processedOn! - (job.timestamp + (job.opts.delay ?? 0)));
    }
    await sleep(500);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const measured = [50, 80, 100, ...(options.double ? [200] : [])];
  const percents = (target: string) => measured.filter((p) => p <= 100 || target === 'restore');
  const fed = new FederationFixture();
  const bare = bareQueue(fed.namespace);
  try {
    log(
      `${PROVINCE} + ${CITY}; ${options.tickets} critical faults of A-grade customers over ${options.seconds} s, ` +
        `response ${options.response} min, restore ${options.restore} min; thresholds measured: ${measured.join(', ')} %`,
    );
    const quiet = { STATUS_REPORT_INTERVAL_MS: '15000', LOG_LEVEL: 'warn' };
    const province = await fed.addNode(PROVINCE, 'province', quiet);
    const city = await fed.addNode(CITY, 'city', quiet);
    await Promise.all([province, city].map((n) => n.startAndWaitReady()));
    await shortPolicy(province, city, options);
    const customerIds = await customers(city, options.customers);
    await bare.worker.waitUntilReady();
    log(
      `load average before opening: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );

    const begun = Date.now();
    const opened = await openTickets(city, customerIds, bare.queue, options, percents);
    const asked = opened.map((o) => o.askedAt);
    log(
      `${opened.length} tickets opened in ${((Math.max(...asked) - Math.min(...asked)) / 1000).toFixed(1)} s; ` +
        line('answered (201)', spread(opened.map((o) => o.answeredIn))),
    );

    const lastDue = Math.max(...(await thresholds(fed, measured)).map((t) => t.due));
    const until = lastDue + 60_000;
    const expected = options.tickets * (measured.length * 2 - measured.filter((p) => p > 100).length);
    let fired: Fired[] = [];
    for (;;) {
      fired = await thresholds(fed, measured);
      const waiting = fired.filter((t) => t.late === null).length;
      if (waiting === 0 || Date.now() > until) break;
      await sleep(Math.min(5_000, Math.max(500, lastDue - Date.now())));
    }
    const baseline = await bareLateness(bare.queue, options.tickets, until);
    log(`run of ${((Date.now() - begun) / 1000).toFixed(0)} s since the first ticket`);
    log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );

    const late = fired.filter((t) => t.late !== null);
    log(`thresholds fired: ${late.length} of ${expected}`);
    for (const target of ['response', 'restore'])
      for (const percent of percents(target)) {
        const of = late.filter((t) => t.target === target && t.percent === percent);
        log(line(`  ${target} ${percent} %`, spread(of.map((t) => t.late!))));
      }
    const opening = Math.max(...asked);
    log(
      line(
        '  due while tickets were being opened',
        spread(late.filter((t) => t.due <= opening).map((t) => t.late!)),
      ),
    );
    log(
      line(
        '  due after the last ticket was opened',
        spread(late.filter((t) => t.due > opening).map((t) => t.late!)),
      ),
    );
    log(line('  warnings (50, 80 %)', spread(late.filter((t) => t.percent < 100).map((t) => t.late!))));
    log(
      line(
        '  escalations (100 % and over)',
        spread(late.filter((t) => t.percent >= 100).map((t) => t.late!)),
      ),
    );
    const sla = spread(late.map((t) => t.late!));
    const base = spread(baseline);
    log(line('SLA thresholds, all', sla));
    log(line('bare delayed jobs (baseline)', base));
    log(`ratio of the p99s, thresholds / bare: ${(sla.p99 / Math.max(1, base.p99)).toFixed(2)}`);
    const met = late.length === expected && sla.p99 <= 1000;
    log(`target thresholds' lateness p99 ≤ 1000 ms (all fired): ${met ? 'met' : 'NOT met'}`);
    log(JSON.stringify({ options, fired: late.length, expected, sla, bare: base }));
  } finally {
    await bare.worker.close();
    await bare.queue.obliterate({ force: true }).catch(() => undefined);
    await bare.queue.close();
    await fed.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
