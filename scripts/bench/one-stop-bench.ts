/**
 * Dispatch latency of one-stop circuit orders: a small federation (CN, cities 440300 and 330100,
 * each a real process) takes bursts of --concurrency cross-province orders placed at once at
 * Shenzhen (A-end Shenzhen, Z-end Hangzhou, transit at CN), half of them new circuits (`add`) and
 * half bandwidth changes (`modify`) of circuits in service, each change on a circuit of its own
 * (one change in flight per circuit). For each order: the time from the submission (just before
 * the POST) to the moment every segment is acknowledged at its node (the latest of the three work
 * orders' creation times, read from each node's database), and to the moment the home city has
 * learnt all three acknowledgements. Baseline, in the same run: the same figure for --baseline
 * new orders and --baseline changes placed one at a time. The circuits changed are made first:
 * ordered, and their work orders taken through accept, start and complete at every node.
 *
 *   npm run bench:one-stop -- [--concurrency 50] [--rounds 3] [--baseline 10]
 *
 * Figures belong in docs/benchmarks.md with this command.
 */
import { aCustomerOf, aSalesTeam, shanghaiDay } from '../../test/agreements/sales-builders';
import { FederationFixture } from '../../test/support/federation-fixture';
import type { NodeProcess } from '../../test/support/node-process';
import { sleep } from '../../test/support/wait';
import { act, anOrderBody } from '../../test/one-stop/one-stop-journey';

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

type Kind = 'add' | 'modify';

interface Placed {
  kind: Kind;
  orderId: string;
  submittedAt: number;
  /** Submission → the home city's 201. */
  answeredIn: number;
}

interface Latency {
  kind: Kind;
  answered: number;
  /** Submission → the work order created, per segment node. */
  byNode: Record<string, number>;
  /** Submission → the last segment's work order created at its node. */
  atNodes: number;
  /** Submission → the home city has recorded the last acknowledgement. */
  atHome: number;
}

/** A circuit in service, with the customer it belongs to. */
interface InService {
  customerId: string;
  circuitId: string;
}

/** A bandwidth change of a circuit in service, at contracted charges. */
function aChangeBody(circuit: InService, bandwidthMbps: number): Record<string, unknown> {
  return {
    customerId: circuit.customerId,
    action: 'modify',
    circuitId: circuit.circuitId,
    bandwidthMbps,
    requestedCompletionDate: shanghaiDay(10),
    oneTimeChargeFen: '50000',
    monthlyChargeFen: '2345678',
  };
}

async function place(
  home: NodeProcess,
  token: string,
  kind: Kind,
  body: Record<string, unknown>,
): Promise<Placed> {
  const submittedAt = Date.now();
  const res = await home.request<{ id: string }>('POST', '/api/v1/circuit-orders', { token, body });
  if (res.status !== 201) throw new Error(`${kind} order refused: ${res.status} ${res.text}`);
  return { kind, orderId: res.body.id, submittedAt, answeredIn: Date.now() - submittedAt };
}

/** Runs `work` over `items`, at most `width` at a time. */
async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/**
 * Circuits in service to change: `count` new orders, their work orders accepted, started and
 * completed at every node through the work-order API, until the home city has completed them.
 */
async function circuitsInService(
  fed: FederationFixture,
  nodes: readonly NodeProcess[],
  home: NodeProcess,
  token: string,
  customers: readonly string[],
  count: number,
): Promise<InService[]> {
  const placed: Placed[] = [];
  await inParallel(
    Array.from({ length: count }, (_, i) => customers[i % customers.length]!),
    10,
    async (customerId) =>
      void placed.push(await place(home, token, 'add', anOrderBody(customerId, HOME, FAR))),
  );
  await latencies(fed, placed);
  const ids = placed.map((p) => p.orderId);
  const work: { node: NodeProcess; id: string }[] = [];
  for (const node of nodes) {
    const rows = await fed.sql<{ id: string }>(
      node.spec.code,
      `SELECT id FROM one_stop_work_order WHERE order_id = ANY($1) AND state = 'acknowledged'`,
      [ids],
    );
    work.push(...rows.map((r) => ({ node, id: r.id })));
  }
  await inParallel(work, 10, (w) => act(w.node, w.id, 'accept', 'start', 'complete'));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const rows = await fed.sql<{ customer_id: string; circuit_id: string }>(
      HOME,
      `SELECT customer_id, circuit_id FROM circuit_order WHERE id = ANY($1) AND state = 'completed'`,
      [ids],
    );
    if (rows.length === count)
      return rows.map((r) => ({ customerId: r.customer_id, circuitId: r.circuit_id }));
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${count} circuits completed`);
    await sleep(200);
  }
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
    kind: p.kind,
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

function report(options: Options, baseline: Latency[], burst: Latency[]): void {
  const n = options.concurrency;
  const base = (kind: Kind) => baseline.filter((l) => l.kind === kind);
  for (const kind of ['add', 'modify'] as const) {
    log(
      summary(
        `baseline ${kind}, one at a time — all segments acknowledged at their nodes`,
        base(kind).map((l) => l.atNodes),
      ),
    );
    log(
      summary(
        `baseline ${kind}, one at a time — home city knows`,
        base(kind).map((l) => l.atHome),
      ),
    );
  }
  const lines: [string, (l: Latency) => number][] = [
    ['order answered (201) by the home city', (l) => l.answered],
    ['all segments acknowledged at their nodes', (l) => l.atNodes],
    ['home city knows', (l) => l.atHome],
    ...[HOME, FAR, 'CN'].map((node): [string, (l: Latency) => number] => [
      `segment acknowledged at ${node}`,
      (l) => l.byNode[node] ?? NaN,
    ]),
  ];
  for (const kind of ['add', 'modify', 'all'] as const) {
    const of = burst.filter((l) => kind === 'all' || l.kind === kind);
    for (const [what, value] of lines) log(summary(`${n} concurrent, ${kind} — ${what}`, of.map(value)));
  }
  let met = true;
  for (const kind of ['add', 'modify'] as const) {
    const p99 = percentile(
      burst
        .filter((l) => l.kind === kind)
        .map((l) => l.atNodes)
        .sort((a, b) => a - b),
      0.99,
    );
    const p50 = percentile(
      base(kind)
        .map((l) => l.atNodes)
        .sort((a, b) => a - b),
      0.5,
    );
    log(`ratio ${kind}: concurrent p99 / one-at-a-time p50 = ${(p99 / p50).toFixed(2)}`);
    met &&= p99 <= 1000;
  }
  log(`target p99 ≤ 1000 ms for new and change orders: ${met ? 'met' : 'NOT met'}`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const fed = new FederationFixture();
  try {
    const changes = Math.floor(options.concurrency / 2);
    log(
      `CN + ${HOME} + ${FAR}; ${options.rounds} bursts of ${options.concurrency} cross-province orders ` +
        `(${options.concurrency - changes} new, ${changes} bandwidth changes)`,
    );
    const quiet = { STATUS_REPORT_INTERVAL_MS: '15000', LOG_LEVEL: 'warn' };
    const nodes = [
      await fed.addNode('CN', 'national', { ...quiet, ONE_STOP_SETTLEMENT_CHECK_MS: '0' }),
      await fed.addNode(HOME, 'city', quiet),
      await fed.addNode(FAR, 'city', quiet),
    ];
    await Promise.all(nodes.map((n) => n.startAndWaitReady()));
    const home = nodes[1]!;
    const team = await aSalesTeam(home);
    const token = team.a.token;
    const customers: string[] = [];
    for (let i = 0; i < 10; i += 1) customers.push(await aCustomerOf(home, team.a));
    const newOrder = (i: number) => anOrderBody(customers[i % customers.length]!, HOME, FAR);

    // Warm-up: the first orders pay for connections, topic metadata and JIT.
    await latencies(
      fed,
      await Promise.all(customers.slice(0, 5).map((_, i) => place(home, token, 'add', newOrder(i)))),
    );

    const started = Date.now();
    const pool = await circuitsInService(
      fed,
      nodes,
      home,
      token,
      customers,
      options.baseline + options.rounds * changes,
    );
    log(
      `${pool.length} circuits in service to change, made in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // Let the completions' own messages (to CN, the coordinator) drain before measuring.
    await sleep(2000);

    const baseline: Latency[] = [];
    for (let i = 0; i < options.baseline; i += 1) {
      baseline.push(...(await latencies(fed, [await place(home, token, 'add', newOrder(i))])));
      baseline.push(
        ...(await latencies(fed, [await place(home, token, 'modify', aChangeBody(pool.pop()!, 200))])),
      );
    }
    const burst: Latency[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      const placed = await Promise.all(
        Array.from({ length: options.concurrency }, (_, i) =>
          i % 2 === 1 && i < 2 * changes
            ? place(home, token, 'modify', aChangeBody(pool.pop()!, 200))
            : place(home, token, 'add', newOrder(i)),
        ),
      );
      burst.push(...(await latencies(fed, placed)));
      await sleep(500);
    }
    report(options, baseline, burst);
  } finally {
    await fed.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
