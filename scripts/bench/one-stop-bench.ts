/**
 * Dispatch latency of one-stop circuit orders: a small federation (CN, cities 440300 and 330100,
 * each a real process) takes bursts of --concurrency cross-province orders placed at once at
 * Shenzhen (A-end Shenzhen, Z-end Hangzhou, transit at CN). For each order: the time from the
 * submission (just before the POST) to the moment every segment is acknowledged at its node (the
 * latest of the three work orders' creation times, read from each node's database), and to the
 * moment the home city has learnt all three acknowledgements. Baseline, in the same run: the same
 * figure for --baseline orders placed one at a time.
 *
 *   npm run bench:one-stop -- [--concurrency 50] [--rounds 3] [--baseline 10]
 *
 * Figures belong in docs/benchmarks.md with this command.
 */
import { aCustomerOf, aSalesTeam } from '../../test/agreements/sales-builders';
import { FederationFixture } from '../../test/support/federation-fixture';
import type { NodeProcess } from '../../test/support/node-process';
import { sleep } from '../../test/support/wait';
import { anOrderBody } from '../../test/one-stop/one-stop-journey';

const HOME = '440300';
const FAR = '330100';

interface Options {
  concurrency: number;
  rounds: number;
  baseline: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { concurrency: 50, rounds: 3, baseline: 10 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1] ?? '';
    if (key && key in options && /^\d+$/.test(value) && Number(value) > 0) {
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

interface Placed {
  orderId: string;
  submittedAt: number;
  /** Submission → the home city's 201. */
  answeredIn: number;
}

interface Latency {
  answered: number;
  /** Submission → the work order created, per segment node. */
  byNode: Record<string, number>;
  /** Submission → the last segment's work order created at its node. */
  atNodes: number;
  /** Submission → the home city has recorded the last acknowledgement. */
  atHome: number;
}

async function place(home: NodeProcess, token: string, customerId: string): Promise<Placed> {
  const submittedAt = Date.now();
  const res = await home.request<{ id: string }>('POST', '/api/v1/circuit-orders', {
    token,
    body: anOrderBody(customerId, HOME, FAR),
  });
  if (res.status !== 201) throw new Error(`order refused: ${res.status} ${res.text}`);
  return { orderId: res.body.id, submittedAt, answeredIn: Date.now() - submittedAt };
}

/** Waits until every placed order has its three work orders and three acknowledgements at home. */
async function latencies(fed: FederationFixture, placed: Placed[], timeoutMs = 120_000): Promise<Latency[]> {
  const ids = placed.map((p) => p.orderId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [acked] = await fed.sql<{ n: string }>(
      HOME,
      `SELECT count(*)::text AS n FROM circuit_segment WHERE order_id = ANY($1) AND acknowledged_at IS NOT NULL`,
      [ids],
    );
    if (Number(acked?.n ?? 0) === ids.length * 3) break;
    if (Date.now() > deadline) throw new Error(`only ${acked?.n} of ${ids.length * 3} segments acknowledged`);
    await sleep(50);
  }
  const created = new Map<string, number>();
  const byNode = new Map<string, Record<string, number>>();
  for (const node of [HOME, FAR, 'CN']) {
    const rows = await fed.sql<{ order_id: string; at: Date }>(
      node,
      `SELECT order_id, max(created_at) AS at FROM one_stop_work_order WHERE order_id = ANY($1) GROUP BY order_id`,
      [ids],
    );
    for (const r of rows) {
      created.set(r.order_id, Math.max(created.get(r.order_id) ?? 0, r.at.getTime()));
      byNode.set(r.order_id, { ...byNode.get(r.order_id), [node]: r.at.getTime() });
    }
  }
  const home = await fed.sql<{ order_id: string; at: Date }>(
    HOME,
    `SELECT order_id, max(acknowledged_at) AS at FROM circuit_segment WHERE order_id = ANY($1) GROUP BY order_id`,
    [ids],
  );
  const atHome = new Map(home.map((r) => [r.order_id, r.at.getTime()]));
  return placed.map((p) => ({
    answered: p.answeredIn,
    byNode: Object.fromEntries(
      Object.entries(byNode.get(p.orderId) ?? {}).map(([node, at]) => [node, at - p.submittedAt]),
    ),
    atNodes: created.get(p.orderId)! - p.submittedAt,
    atHome: atHome.get(p.orderId)! - p.submittedAt,
  }));
}

function summary(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${label}: p50 ${percentile(sorted, 0.5)} ms, p99 ${percentile(sorted, 0.99)} ms, max ${sorted.at(-1)} ms (n=${sorted.length})`;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const fed = new FederationFixture();
  try {
    log(`CN + ${HOME} + ${FAR}; ${options.rounds} bursts of ${options.concurrency} cross-province orders`);
    const quiet = { STATUS_REPORT_INTERVAL_MS: '15000', LOG_LEVEL: 'warn' };
    const nodes = [
      await fed.addNode('CN', 'national', { ...quiet, ONE_STOP_SETTLEMENT_CHECK_MS: '0' }),
      await fed.addNode(HOME, 'city', quiet),
      await fed.addNode(FAR, 'city', quiet),
    ];
    await Promise.all(nodes.map((n) => n.startAndWaitReady()));
    const home = nodes[1]!;
    const team = await aSalesTeam(home);
    const customers: string[] = [];
    for (let i = 0; i < 10; i += 1) customers.push(await aCustomerOf(home, team.a));

    // Warm-up: the first orders pay for connections, topic metadata and JIT.
    await latencies(fed, await Promise.all(customers.slice(0, 5).map((c) => place(home, team.a.token, c))));

    const baseline: Latency[] = [];
    for (let i = 0; i < options.baseline; i += 1) {
      const placed = await place(home, team.a.token, customers[i % customers.length]!);
      baseline.push(...(await latencies(fed, [placed])));
    }
    const burst: Latency[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const placed = await Promise.all(
        Array.from({ length: options.concurrency }, (_, i) =>
          place(home, team.a.token, customers[i % customers.length]!),
        ),
      );
      burst.push(...(await latencies(fed, placed)));
      await sleep(500);
    }

    log(
      summary(
        'baseline, one order at a time — all segments acknowledged at their nodes',
        baseline.map((l) => l.atNodes),
      ),
    );
    log(
      summary(
        'baseline, one order at a time — home city knows',
        baseline.map((l) => l.atHome),
      ),
    );
    log(
      summary(
        `${options.concurrency} concurrent — order answered (201) by the home city`,
        burst.map((l) => l.answered),
      ),
    );
    log(
      summary(
        `${options.concurrency} concurrent — all segments acknowledged at their nodes`,
        burst.map((l) => l.atNodes),
      ),
    );
    log(
      summary(
        `${options.concurrency} concurrent — home city knows`,
        burst.map((l) => l.atHome),
      ),
    );
    for (const node of [HOME, FAR, 'CN']) {
      log(
        summary(
          `${options.concurrency} concurrent — segment acknowledged at ${node}`,
          burst.map((l) => l.byNode[node] ?? NaN),
        ),
      );
    }
    const sortedBurst = burst.map((l) => l.atNodes).sort((a, b) => a - b);
    const sortedBase = baseline.map((l) => l.atNodes).sort((a, b) => a - b);
    const p99 = percentile(sortedBurst, 0.99);
    log(`ratio: concurrent p99 / one-at-a-time p50 = ${(p99 / percentile(sortedBase, 0.5)).toFixed(2)}`);
    log(`target p99 ≤ 1000 ms: ${p99 <= 1000 ? 'met' : 'NOT met'}`);
  } finally {
    await fed.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
