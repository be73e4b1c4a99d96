import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { databaseUrlFor } from './federation-plan';

const resolved = new Map<string, string>();

/**
 * The URL of `database` on the project's PostgreSQL, with the connection settings that every
 * script uses: `scripts/lib/pg-env.sh` resolves them from PG_HOST, PG_PORT, PG_USER and
 * PG_PASSWORD, else from the credentials file that `scripts/infra/postgres.sh` writes when it
 * creates the project's role, else `postgres` on 127.0.0.1:5432 without a password.
 */
export function postgresUrl(
  repoRoot: string,
  database = 'postgres',
  env: NodeJS.ProcessEnv = process.env,
): string {
  const key = [repoRoot, env.PG_HOST, env.PG_PORT, env.PG_USER, env.PG_PASSWORD, env.KAF_CONFIG_DIR].join(
    '\0',
  );
  let admin = resolved.get(key);
  if (admin === undefined) {
    const script = join(repoRoot, 'scripts/lib/pg-env.sh');
    try {
      admin = execFileSync('bash', [script, 'url', 'postgres'], { env, encoding: 'utf8' }).trim();
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      const detail = typeof stderr === 'string' ? stderr.trim() : '';
      throw new Error(`cannot resolve the PostgreSQL settings with ${script}: ${detail || String(error)}`);
    }
    resolved.set(key, admin);
  }
  return databaseUrlFor(admin, database);
}
