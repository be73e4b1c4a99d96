import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importSPKI, jwtVerify } from 'jose';
import { ensureDevKeys } from '../auth/dev-keys';
import { main } from '../main';
import type { CliContext } from './command';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

// Generous: these specs sign RSA tokens and poll, which a loaded build machine slows down.
jest.setTimeout(30_000);

describe('auth token', () => {
  let runDir: string;
  let out: string[];
  let err: string[];
  let ctx: CliContext;

  beforeAll(() => {
    runDir = mkdtempSync(join(tmpdir(), 'kaf-cli-token-'));
    ensureDevKeys(runDir);
  });
  afterAll(() => rmSync(runDir, { recursive: true, force: true }));
  beforeEach(() => {
    out = [];
    err = [];
    ctx = {
      repoRoot: REPO_ROOT,
      nodeEntry: '/nonexistent',
      cwd: REPO_ROOT,
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    };
  });

  const run = (...args: string[]): Promise<number> =>
    main(['auth', 'token', '--run-dir', runDir, ...args], ctx);

  async function verify(token: string): Promise<Record<string, unknown>> {
    const key = await importSPKI(readFileSync(join(runDir, 'auth', 'public-key.pem'), 'utf8'), 'RS256');
    const { payload } = await jwtVerify(token, key, { issuer: 'kaf-dev', audience: 'kaf' });
    return payload;
  }

  it('prints only a token that verifies with the federation key and carries the claims', async () => {
    expect(await run('--role', 'city_admin', '--node', '440300', '--name', 'Li Lei')).toBe(0);
    expect(out).toHaveLength(1);
    const claims = await verify(out[0]!);
    expect(claims).toMatchObject({
      sub: 'city_admin@440300',
      roles: ['city_admin'],
      node: '440300',
      name: 'Li Lei',
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(8 * 3600);
    expect(err.join('\n')).toContain('city_admin@440300 (city_admin) at node 440300, valid 8h');
  });

  it('takes several roles, a subject and a lifetime', async () => {
    const code = await run(
      '--role',
      'account_manager',
      '--role',
      'city_admin,account_manager',
      '--node',
      '440300',
      '--subject',
      'E440300-001',
      '--ttl',
      '30m',
    );
    expect(code).toBe(0);
    const claims = await verify(out[0]!);
    expect(claims).toMatchObject({ sub: 'E440300-001', roles: ['account_manager', 'city_admin'] });
    expect(claims.name).toBeUndefined();
    expect((claims.exp as number) - (claims.iat as number)).toBe(1800);
  });

  it.each([
    [['--role', 'superuser', '--node', '440300'], '--role: unknown role superuser'],
    [['--node', '440300'], '--role is required'],
    [['--role', 'city_admin'], '--node is required'],
    [['--role', 'city_admin', '--node', '999900'], '--node: 999900 is not in the topology'],
    [['--role', 'account_manager', '--node', '440300'], '--subject is required with account_manager'],
    [['--role', 'city_admin', '--node', '440300', '--ttl', '31d'], '--ttl:'],
    [['--role', 'city_admin', '--node', '440300', '--ttl', 'forever'], '--ttl:'],
    [['--role', 'city_admin', '--node', '440300', '--topology', '/nonexistent.json'], '--topology:'],
    [['--role', 'city_admin', '--node', '440300', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with exit 2', async (args, message) => {
    expect(await run(...args)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain(message);
  });

  it('fails with exit 1 when the run directory has no key', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kaf-cli-nokey-'));
    try {
      const code = await main(
        ['auth', 'token', '--run-dir', empty, '--role', 'hq_analyst', '--node', 'CN'],
        ctx,
      );
      expect(code).toBe(1);
      expect(err.join('\n')).toContain('no signing key');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
