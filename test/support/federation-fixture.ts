import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { NodeProcess, type NodeSpec, REPO_ROOT } from './node-process';
import { withAdmin } from './test-database';

const run = promisify(execFile);

export type Tier = NodeSpec['tier'];

/**
 * A throw-away federation for one test file: its own topic namespace, one fresh database per
 * node, real node processes. `dispose()` stops the processes and drops what it created.
 */
export class FederationFixture {
  readonly namespace = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  private readonly nodes = new Map<string, NodeProcess>();

  async addNode(code: string, tier: Tier, env: Record<string, string> = {}): Promise<NodeProcess> {
    const database = `kaf_${this.namespace}_${code.toLowerCase()}`;
    await withAdmin((db) => db.query(`CREATE DATABASE ${database}`));
    const node = new NodeProcess({
      code,
      tier,
      port: await freePort(),
      database,
      namespace: this.namespace,
      env,
    });
    this.nodes.set(code, node);
    return node;
  }

  node(code: string): NodeProcess {
    const node = this.nodes.get(code);
    if (!node) throw new Error(`no node ${code} in this fixture`);
    return node;
  }

  /** Runs SQL against a node's own database. */
  sql<T = Record<string, unknown>>(code: string, text: string, params: unknown[] = []): Promise<T[]> {
    return this.node(code).sql<T>(text, params);
  }

  /** Runs a query whose single row has a column `n`, and returns it. */
  async count(code: string, text: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.sql<{ n: number | string }>(code, text, params);
    return Number(row?.n ?? 0);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((n) => n.stop().catch(() => n.kill())));
    await withAdmin(async (db) => {
      for (const n of this.nodes.values())
        await db.query(`DROP DATABASE IF EXISTS ${n.spec.database} WITH (FORCE)`);
    });
    await deleteTopics(this.namespace).catch(() => undefined);
  }
}

/** Controls the local broker started by scripts/infra/kafka.sh. */
export const broker = {
  async restart(): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'scripts/infra/kafka.sh'), 'restart'], { timeout: 180_000 });
  },
  async kill(): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'scripts/infra/kafka.sh'), 'kill'], { timeout: 60_000 });
  },
  async up(): Promise<void> {
    await run('bash', [join(REPO_ROOT, 'scripts/infra/kafka.sh'), 'up'], { timeout: 180_000 });
  },
};

export function kafkaClient(): Kafka {
  return new Kafka({
    clientId: 'kaf-tests',
    brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
    logLevel: logLevel.NOTHING,
  });
}

async function deleteTopics(namespace: string): Promise<void> {
  const admin = kafkaClient().admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${namespace}.`));
    if (topics.length) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}

/**
 * A port for a node. Taken below the kernel's ephemeral range (32768–60999 on Linux): a port the
 * kernel hands out (0) can be given to an outgoing connection (a Kafka or database client) between
 * this check and the node's own bind, which then fails with EADDRINUSE.
 */
async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
