import { Client } from 'pg';

export type DatabaseAction = 'created' | 'exists' | 'recreated';

export interface DatabaseResult {
  name: string;
  action: DatabaseAction;
}

const DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Makes sure each database exists, connecting with `adminUrl` (a maintenance database such as
 * `postgres`). With `fresh`, existing ones are dropped first, after closing their connections.
 */
export async function ensureDatabases(
  adminUrl: string,
  names: readonly string[],
  options: { fresh: boolean },
): Promise<DatabaseResult[]> {
  for (const name of names) {
    if (!DB_NAME.test(name)) throw new Error(`refusing database name '${name}'`);
  }
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to PostgreSQL at ${redact(adminUrl)}: ${(error as Error).message}`);
  }
  try {
    const results: DatabaseResult[] = [];
    for (const name of names) {
      const ident = client.escapeIdentifier(name);
      let existed = await exists(client, name);
      if (existed && options.fresh) {
        await dropDatabase(client, name, ident);
      }
      if (!existed || options.fresh) {
        try {
          await client.query(`CREATE DATABASE ${ident}`);
        } catch (error) {
          // created meanwhile by someone else: fine
          if ((error as { code?: string }).code !== '42P04') throw error;
          existed = true;
        }
      }
      results.push({
        name,
        action: options.fresh ? (existed ? 'recreated' : 'created') : existed ? 'exists' : 'created',
      });
    }
    return results;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function exists(client: Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (rowCount ?? 0) > 0;
}

async function dropDatabase(client: Client, name: string, ident: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    try {
      await client.query(`DROP DATABASE IF EXISTS ${ident}`);
      return;
    } catch (error) {
      // 55006: still in use (a client reconnected between the two statements)
      if ((error as { code?: string }).code !== '55006' || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
