import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NodeProcess, REPO_ROOT } from '../support/node-process';

/** The node refuses to start on bad configuration, naming the problem, before touching any server. */
describe('node start-up configuration', () => {
  const valid = NodeProcess.environment({
    code: '440300',
    tier: 'city',
    port: 1,
    database: 'kaf_unused',
    namespace: 'cfg',
  });

  function boot(overrides: Record<string, string | undefined>): { status: number | null; stderr: string } {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const [k, v] of Object.entries({ ...valid, ...overrides })) if (v !== undefined) env[k] = v;
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'dist/apps/node/src/main.js')], {
      env,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: result.status, stderr: result.stderr };
  }

  it.each([
    ['missing NODE_CODE', { NODE_CODE: undefined }, /NODE_CODE: is required/],
    ['unknown NODE_TIER', { NODE_TIER: 'county' }, /NODE_TIER: must be one of national, province, city/],
    ['missing DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL: is required/],
    [
      'malformed KAFKA_BROKERS',
      { KAFKA_BROKERS: 'kafka' },
      /KAFKA_BROKERS\.0: each broker must be host:port/,
    ],
    ['malformed REDIS_URL', { REDIS_URL: 'localhost:6379' }, /REDIS_URL: must be a redis:\/\/ URL/],
    ['out-of-range HTTP_PORT', { HTTP_PORT: '0' }, /HTTP_PORT: /],
    [
      'NODE_CODE not in the topology',
      { NODE_CODE: '110100' },
      /NODE_CODE: 110100 is not in the topology file/,
    ],
    [
      'tier contradicting the topology',
      { NODE_TIER: 'national' },
      /NODE_TIER: 440300 is a city node in the topology/,
    ],
    [
      'missing topology file',
      { TOPOLOGY_FILE: '/nonexistent.json' },
      /TOPOLOGY_FILE: cannot read topology file/,
    ],
  ])('exits non-zero on %s and names it', (_case, overrides, message) => {
    const { status, stderr } = boot(overrides);
    expect(status).toBe(78);
    expect(stderr).toMatch(message);
  });
});
