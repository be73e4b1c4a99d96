import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUrl } from './postgres-url';

const REPO_ROOT = join(__dirname, '../../../..');

describe('postgresUrl (scripts/lib/pg-env.sh)', () => {
  const configDir = mkdtempSync(join(tmpdir(), 'kaf-pg-url-'));
  afterAll(() => rmSync(configDir, { recursive: true, force: true }));

  const env = (vars: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: configDir,
    KAF_CONFIG_DIR: join(configDir, 'none'),
    ...vars,
  });

  it('defaults to postgres without a password on 127.0.0.1:5432', () => {
    expect(postgresUrl(REPO_ROOT, 'kaf_fed_cn', env())).toBe('postgres://postgres@127.0.0.1:5432/kaf_fed_cn');
  });

  it('honours PG_HOST, PG_PORT, PG_USER and PG_PASSWORD, encoding the password', () => {
    const url = postgresUrl(
      REPO_ROOT,
      'kaf_fed_440300',
      env({ PG_HOST: 'db.internal', PG_PORT: '6543', PG_USER: 'app', PG_PASSWORD: 'p@ss:w/rd' }),
    );
    expect(url).toBe('postgres://app:p%40ss%3Aw%2Frd@db.internal:6543/kaf_fed_440300');
  });

  it("uses the credentials file's entry for the host and port", () => {
    const dir = join(configDir, 'stored');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'pgpass'), '127.0.0.1:5432:*:other:x\n127.0.0.1:6000:*:kaf:s3cret\n', {
      mode: 0o600,
    });
    expect(postgresUrl(REPO_ROOT, 'postgres', env({ KAF_CONFIG_DIR: dir, PG_PORT: '6000' }))).toBe(
      'postgres://kaf:s3cret@127.0.0.1:6000/postgres',
    );
    // Another port has no entry: the default login.
    expect(postgresUrl(REPO_ROOT, 'postgres', env({ KAF_CONFIG_DIR: dir, PG_PORT: '6001' }))).toBe(
      'postgres://postgres@127.0.0.1:6001/postgres',
    );
    // PG_USER wins over the file.
    expect(
      postgresUrl(REPO_ROOT, 'postgres', env({ KAF_CONFIG_DIR: dir, PG_PORT: '6000', PG_USER: 'me' })),
    ).toBe('postgres://me@127.0.0.1:6000/postgres');
  });

  it('refuses a port that is not a number, saying so', () => {
    expect(() => postgresUrl(REPO_ROOT, 'postgres', env({ PG_PORT: 'five' }))).toThrow(
      /PG_PORT must be a TCP port number, got 'five'/,
    );
  });
});
