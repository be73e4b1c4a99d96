import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { REPO_ROOT } from '../support/paths';

/**
 * A fresh clone on a machine whose PostgreSQL was installed by the distribution and keeps its
 * default authentication (peer on the local socket, scram-sha-256 over TCP, so `postgres` has no
 * password over 127.0.0.1): the setup path creates the project's own role, then the migration
 * check and an end-to-end suite pass against that server. The server is a throwaway cluster made
 * with `pg_createcluster` on a free port. Where that cannot be done (no `pg_createcluster`, not
 * root) the suite is skipped, except in CI, where it fails.
 */
const root = process.getuid?.() === 0;
const sudo = (): boolean => spawnSync('sudo', ['-n', 'true']).status === 0;
const canCreate = spawnSync('sh', ['-c', 'command -v pg_createcluster']).status === 0 && (root || sudo());
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';

const E2E_SPEC = 'test/federation/http-problems.e2e-spec.ts';

(canCreate || inCi ? describe : describe.skip)('setup against a distribution-default PostgreSQL', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'kaf-pg-setup-'));
  let version = '';
  let cluster = '';
  let port = 0;

  /** The project's scripts' environment for the throwaway cluster. */
  function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      PG_PORT: String(port),
      KAF_CONFIG_DIR: configDir,
      ...extra,
    };
    for (const name of [
      'PG_HOST',
      'PG_USER',
      'PG_PASSWORD',
      'PGHOST',
      'PGPORT',
      'PGUSER',
      'PGPASSWORD',
      'JEST_WORKER_ID',
    ]) {
      delete e[name];
    }
    return e;
  }

  function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
    return spawnSync(cmd, args, {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      encoding: 'utf8',
      timeout: options.timeout ?? 60_000,
    });
  }

  function ok(what: string, result: SpawnSyncReturns<string>): SpawnSyncReturns<string> {
    if (result.status !== 0) {
      throw new Error(
        `${what} exited with ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`,
      );
    }
    return result;
  }

  const asRoot = (args: string[]) => (root ? run(args[0]!, args.slice(1)) : run('sudo', ['-n', ...args]));

  async function sessionsOnPostgres(url: string): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ sessions: string }>(
        "SELECT sessions FROM pg_stat_database WHERE datname = 'postgres'",
      );
      return Number(rows[0]!.sessions);
    } finally {
      await client.end();
    }
  }

  function projectUrl(): string {
    return ok('pg-env.sh url', run('bash', ['scripts/lib/pg-env.sh', 'url'], { env: env() })).stdout.trim();
  }

  beforeAll(async () => {
    if (!canCreate) {
      throw new Error(
        'pg_createcluster (Debian package postgresql-common, with a PostgreSQL server) and root are needed ' +
          'to check the setup against a distribution-default PostgreSQL',
      );
    }
    version = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(a) - Number(b))
      .pop()!;
    port = await freePort();
    cluster = `kafsetup${port}`;
    ok(
      'pg_createcluster',
      asRoot([
        'pg_createcluster',
        version,
        cluster,
        '--port',
        String(port),
        '--',
        '--auth-local=peer',
        '--auth-host=scram-sha-256',
      ]),
    );
    ok(
      'pg_ctlcluster start',
      asRoot(['pg_ctlcluster', '--skip-systemctl-redirect', version, cluster, 'start']),
    );
  }, 60_000);

  afterAll(() => {
    if (cluster) asRoot(['pg_dropcluster', '--stop', version, cluster]);
    rmSync(configDir, { recursive: true, force: true });
  }, 60_000);

  it('asks for a password over TCP, as the distribution sets it up', () => {
    const psql = run('psql', [
      '-w',
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-c',
      'select 1',
    ]);
    expect(psql.status).not.toBe(0);
    expect(psql.stderr).toMatch(/password/);
  });

  it("the setup path creates the project's role and keeps its password out of the clone", async () => {
    const up = ok(
      'scripts/infra/up.sh',
      run('bash', ['scripts/infra/up.sh'], { env: env(), timeout: 120_000 }),
    );
    expect(up.stdout).toMatch(new RegExp(`^postgres  ready    127\\.0\\.0\\.1:${port}  .*user kaf\\)$`, 'm'));

    const pgpass = join(configDir, 'pgpass');
    expect(statSync(pgpass).mode & 0o777).toBe(0o600);
    const [entry] = readFileSync(pgpass, 'utf8').trim().split('\n');
    const password = /^127\.0\.0\.1:(\d+):\*:kaf:([0-9a-f]{48})$/.exec(entry ?? '');
    expect(password?.[1]).toBe(String(port));

    const url = projectUrl();
    expect(url).toBe(`postgres://kaf:${password?.[2]}@127.0.0.1:${port}/postgres`);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
      expect(rows[0]!.user).toBe('kaf');
    } finally {
      await client.end();
    }

    // Again: the stored password is used as it is.
    const again = ok('postgres.sh up', run('bash', ['scripts/infra/postgres.sh', 'up'], { env: env() }));
    expect(again.stdout).toMatch(/user kaf\)$/m);
    expect(projectUrl()).toBe(url);
  }, 150_000);

  it('the migration check passes against it', () => {
    ok(
      'scripts/dev/check-migrations.sh',
      run('bash', ['scripts/dev/check-migrations.sh'], { env: env(), timeout: 120_000 }),
    );
  }, 150_000);

  it(`an end-to-end suite passes against it (${E2E_SPEC})`, async () => {
    const url = projectUrl();
    const before = await sessionsOnPostgres(url);
    const results = join(configDir, 'e2e.json');
    ok(
      E2E_SPEC,
      run(
        process.execPath,
        [
          join(REPO_ROOT, 'node_modules/jest/bin/jest.js'),
          '--config',
          'test/jest-e2e.config.js',
          '--json',
          `--outputFile=${results}`,
          E2E_SPEC,
        ],
        { env: env({ KAF_BUILT: '1' }), timeout: 170_000 },
      ),
    );
    const report = JSON.parse(readFileSync(results, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBeGreaterThan(0);
    // The suite made and dropped its node's database on this server, not on the default one.
    expect((await sessionsOnPostgres(url)) - before).toBeGreaterThanOrEqual(4);
  }, 180_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
