import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { postgresUrl } from '@kaf/cli/federation/postgres-url';
import { REPO_ROOT } from './paths';
import { waitFor } from './wait';

/** The URL of a database on the server the suites use (PG_HOST, PG_PORT, ...: scripts/lib/pg-env.sh). */
export function databaseUrl(name: string): string {
  return postgresUrl(REPO_ROOT, name);
}

/** Runs `fn` with a connection to the server's maintenance database (to create and drop databases). */
export async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Initialised, with the lib's migrations run. */
  readonly dataSource: DataSource;
  /** Closes the DataSource and drops the database, connections and all. */
  dispose(): Promise<void>;
}

/**
 * A throw-away database for one integration suite, `kaf_<prefix>_int_<time>`, migrated by the
 * lib's own migrations as a node would be (never `synchronize`), with a DataSource open on it.
 */
export async function createTestDatabase(
  prefix: string,
  schema: Required<Pick<DataSourceOptions, 'entities' | 'migrations'>>,
): Promise<TestDatabase> {
  const name = `kaf_${prefix}_int_${Date.now().toString(36)}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`refusing database name '${name}'`);
  await withAdmin((db) => db.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  const dataSource = new DataSource({ type: 'postgres', url, ...schema, migrationsRun: true });
  const dispose = async (): Promise<void> => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await withAdmin((db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  try {
    await dataSource.initialize();
  } catch (error) {
    // A failed migration would otherwise leave the database behind: afterAll has nothing to dispose.
    await dispose();
    throw error;
  }
  return { name, url, dataSource, dispose };
}

/** The server process id of a connection: a transaction's EntityManager or a QueryRunner. */
export async function backendPid(connection: { query(text: string): Promise<unknown> }): Promise<number> {
  const [row] = (await connection.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
  if (!row) throw new Error('pg_backend_pid() answered no row');
  return row.pid;
}

/**
 * Waits until pg_locks shows some backend waiting for a lock that the backend `holderPid` holds
 * (pg_blocking_pids): from then on a concurrent transaction is known to be blocked on the one under
 * test, which may go on (commit, roll back) without a sleep guessed long enough for the other to
 * have started.
 */
export async function waitUntilBlockedBy(
  db: TestDatabase,
  holderPid: number,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  await waitFor(
    what,
    () =>
      db.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND $1 = ANY(pg_blocking_pids(pid))',
        [holderPid],
      ),
    ([row]) => (row?.n ?? 0) > 0,
    timeoutMs,
    20,
  );
}
