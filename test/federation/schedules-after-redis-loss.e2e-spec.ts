import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { FederationFixture } from '../support/federation-fixture';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { sleep, waitFor } from '../support/wait';

// The server of REDIS_URL without its database index: this suite picks an unused index of its own.
const REDIS_BASE = (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d+$/, '');
const RESTORED = 'kaf_job_schedules_restored_total';

interface ChildView {
  code: string;
  health: string;
  lastReport: { schedulesRestored: number; schedulesRestoredAt: string | null; receivedAt: string } | null;
}

/** The job schedulers each tier keeps (queue, job), one per capability that runs on a schedule. */
const KEPT: Record<string, [string, string][]> = {
  CN: [
    ['one-stop-settlement', 'settle-finished-months'],
    ['rollups-reconciliation', 'run-reconciliation'],
  ],
  '440000': [
    ['federation-status-report', 'report-status'],
    ['rollups-reconciliation', 'run-reconciliation'],
  ],
  '440300': [
    ['federation-status-report', 'report-status'],
    ['agreements-renewal-reminders', 'remind-renewal-reconcile'],
    ['one-stop-sla-checks', 'check-segment-sla-reconcile'],
    ['billing-arrears-refresh', 'refresh-arrears-months'],
  ],
};

/**
 * Redis loses everything (FLUSHDB of the federation's own database index, as a restart without
 * persistence would) while every node keeps running: each node puts its job schedulers back on
 * its own clock, status reports reach the parents again, the loss is counted in a metric and
 * told to the parent, and no node leaves service for it.
 */
describe('job schedules survive the loss of Redis', () => {
  const fed = new FederationFixture();
  let db: number;
  let redis: Redis;
  const nodes: Record<string, NodeProcess> = {};

  beforeAll(async () => {
    db = await unusedDatabaseIndex();
    redis = new Redis(`${REDIS_BASE}/${db}`, { maxRetriesPerRequest: 2 });
    const env = {
      REDIS_URL: `${REDIS_BASE}/${db}`,
      AGREEMENT_REMINDER_RECONCILE_MS: '2000',
      ONE_STOP_SLA_RECONCILE_MS: '2000',
      ONE_STOP_SETTLEMENT_CHECK_MS: '2000',
      RECONCILIATION_INTERVAL_MS: '3000',
    };
    nodes.CN = await fed.addNode('CN', 'national', env);
    nodes['440000'] = await fed.addNode('440000', 'province', env);
    nodes['440300'] = await fed.addNode('440300', 'city', env);
    await Promise.all(Object.values(nodes).map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await fed.dispose();
    // Nothing of this federation is left in its database index.
    await redis.flushdb().catch(() => undefined);
    redis.disconnect();
  }, 120_000);

  const children = (node: NodeProcess): Promise<ChildView[]> =>
    node.get<ChildView[]>('/api/v1/federation/children');

  const missingSchedulers = async (): Promise<string[]> => {
    const missing: string[] = [];
    for (const [code, kept] of Object.entries(KEPT)) {
      for (const [name, job] of kept) {
        const queue = new Queue(name, { prefix: `kaf:${fed.namespace}:${code}`, connection: redis });
        if (!(await queue.getJobScheduler(job))) missing.push(`${code} ${name}/${job}`);
        await queue.close();
      }
    }
    return missing;
  };

  it('keeps every scheduler from boot, with nothing restored yet', async () => {
    expect(await missingSchedulers()).toEqual([]);
    for (const node of Object.values(nodes)) expect(await metricValue(node, RESTORED)).toBe(0);
    const city = await waitFor(
      '440300 reporting at 440000',
      () => children(nodes['440000']!),
      (l) => l.some((c) => c.code === '440300' && c.health === 'reporting'),
    );
    expect(city.find((c) => c.code === '440300')?.lastReport).toMatchObject({
      schedulesRestored: 0,
      schedulesRestoredAt: null,
    });
  });

  it('puts every scheduler back after FLUSHDB, reports reach the parents again and no node leaves service', async () => {
    const flushedAt = Date.now();
    await redis.flushdb();

    // Readiness does not depend on the schedules: a Redis flush takes no node out of service.
    for (const node of Object.values(nodes)) {
      expect((await fetch(`${node.url}/health/ready`)).status).toBe(200);
    }

    await waitFor('every scheduler back in Redis', missingSchedulers, (m) => m.length === 0, 15_000);
    for (const [code, kept] of Object.entries(KEPT)) {
      for (const [name, job] of kept) {
        const restored = await waitFor(
          `${code} counts ${name}/${job} as restored`,
          () => metricValue(nodes[code]!, RESTORED, { schedule: `${name}/${job}` }),
          (n) => n >= 1,
          10_000,
        );
        expect(restored).toBeGreaterThanOrEqual(1);
      }
    }

    // The parents hear of it in the status reports that come again.
    for (const [parent, child] of [
      ['440000', '440300'],
      ['CN', '440000'],
    ] as const) {
      const list = await waitFor(
        `${child} reports its restored schedules to ${parent}`,
        () => children(nodes[parent]!),
        (l) => (l.find((c) => c.code === child)?.lastReport?.schedulesRestored ?? 0) >= 1,
        15_000,
      );
      const report = list.find((c) => c.code === child)!.lastReport!;
      expect(Date.parse(report.schedulesRestoredAt!)).toBeGreaterThanOrEqual(flushedAt - 1000);
    }

    // Well past the 5 intervals after which a child without reports turns silent.
    await sleep(6_000);
    expect((await children(nodes['440000']!)).find((c) => c.code === '440300')?.health).toBe('reporting');
    expect((await children(nodes.CN!)).find((c) => c.code === '440000')?.health).toBe('reporting');
    for (const node of Object.values(nodes)) {
      expect((await fetch(`${node.url}/health/ready`)).status).toBe(200);
    }
  }, 90_000);
});

/**
 * A Redis database index nobody uses (no keys), so FLUSHDB touches this federation only: other
 * suites and nodes keep their queues in index 0 or their own.
 */
async function unusedDatabaseIndex(): Promise<number> {
  const admin = new Redis(REDIS_BASE, { maxRetriesPerRequest: 2 });
  try {
    const keyspace = await admin.info('keyspace');
    const used = new Set([...keyspace.matchAll(/^db(\d+):/gm)].map((m) => Number(m[1])));
    const databases = Number(((await admin.config('GET', 'databases')) as string[])[1] ?? 16);
    const free = [...Array(databases).keys()].filter((i) => i > 0 && !used.has(i));
    if (free.length === 0) throw new Error('no empty Redis database index for this suite');
    return free[Math.floor(Math.random() * free.length)]!;
  } finally {
    admin.disconnect();
  }
}
