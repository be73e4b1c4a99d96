import { DataSource, type QueryRunner } from 'typeorm';
import {
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingConnections,
  type MessagingOptions,
  messagingConnectionCount,
} from '@kaf/messaging';
import { backendPid, createTestDatabase, type TestDatabase, withAdmin } from '../support/test-database';
import { sleep, waitFor } from '../support/wait';

/**
 * The relay's and the inbox's transactions run on connections messaging took from the node's pool
 * at start, so they go through while requests hold every other connection of the pool.
 */
describe('connections held by messaging', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let connections: MessagingConnections;
  /** One inbox partition: two connections held, the relay's and the partition's. */
  const held = messagingConnectionCount(1);

  beforeAll(async () => {
    db = await createTestDatabase('msgconn', {
      entities: MESSAGING_ENTITIES,
      migrations: MESSAGING_MIGRATIONS,
    });
    dataSource = new DataSource({ type: 'postgres', url: db.url, extra: { max: held + 2 } });
    await dataSource.initialize();
    connections = new MessagingConnections(dataSource, { inboxPartitions: 1 } as MessagingOptions);
    await connections.reserve();
  });

  afterAll(async () => {
    await connections.release();
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.dispose();
  });

  const rowsOf = async (topic: string): Promise<number> => {
    const [row] = await db.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM messaging_outbox WHERE topic = $1',
      [topic],
    );
    return row!.n;
  };
  const insert = (topic: string) => (tx: { query(sql: string, params: unknown[]): Promise<unknown> }) =>
    tx.query(
      `INSERT INTO messaging_outbox (id, topic, key, type, target, envelope, correlation_id)
       VALUES (gen_random_uuid(), $1, 'k', 't', 'CN', '\\x00', 'c')`,
      [topic],
    );

  it('commits on its own connections while requests hold every other connection of the pool', async () => {
    const busy: QueryRunner[] = [];
    for (let i = 0; i < 2; i += 1) {
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      busy.push(runner);
    }
    let requestDone = false;
    const request = dataSource.transaction(insert('request')).then(() => (requestDone = true));
    try {
      // Both held connections at once: the relay and a partition of the inbox.
      await Promise.all([connections.transaction(insert('relay')), connections.transaction(insert('inbox'))]);
      expect(await rowsOf('relay')).toBe(1);
      expect(await rowsOf('inbox')).toBe(1);
      // The request still waits for the pool: messaging did not take its connections from there.
      await sleep(200);
      expect(requestDone).toBe(false);
    } finally {
      for (const runner of busy) {
        await runner.rollbackTransaction();
        await runner.release();
      }
    }
    await request;
    expect(await rowsOf('request')).toBe(1);
  });

  it('rolls a failed transaction back whole and goes on on the same connection', async () => {
    const before = await connections.transaction((tx) => backendPid(tx));
    await expect(
      connections.transaction(async (tx) => {
        await insert('failed')(tx);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect(await rowsOf('failed')).toBe(0);
    const pids = await Promise.all([
      connections.transaction((tx) => backendPid(tx)),
      connections.transaction((tx) => backendPid(tx)),
    ]);
    expect(pids).toContain(before);
  });

  it('gives a broken connection back to the pool and takes a fresh one', async () => {
    const pids = await Promise.all([
      connections.transaction((tx) => backendPid(tx)),
      connections.transaction((tx) => backendPid(tx)),
    ]);
    await withAdmin((admin) =>
      admin.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]),
    );
    // Each broken connection fails at most the one transaction that meets it; then all goes through.
    const fresh = await waitFor(
      'transactions on fresh connections',
      () =>
        Promise.all([
          connections.transaction(async (tx) => {
            await insert('after')(tx);
            return backendPid(tx);
          }),
          connections.transaction((tx) => backendPid(tx)),
        ]).catch(() => []),
      (got) => got.length === 2,
    );
    expect(fresh.filter((pid) => pids.includes(pid))).toEqual([]);
    expect(await rowsOf('after')).toBeGreaterThanOrEqual(1);
  });
});
