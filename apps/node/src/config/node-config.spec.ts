import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@kaf/auth';
import { ConfigError, configWarnings, loadNodeConfig } from './node-config';

const topologyFile = join(__dirname, '../../../../deploy/topology/dev.json');
const keyDir = mkdtempSync(join(tmpdir(), 'kaf-config-'));
const publicKeyFile = join(keyDir, 'public-key.pem');
const privateKeyFile = join(keyDir, 'signing-key.pem');
const pair = generateSigningKeyPair();
writeFileSync(publicKeyFile, pair.publicKeyPem);
writeFileSync(privateKeyFile, pair.privateKeyPem);

function env(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    NODE_CODE: '440300',
    NODE_TIER: 'city',
    DATABASE_URL: 'postgres://localhost/kaf_440300',
    KAFKA_BROKERS: '127.0.0.1:9092',
    REDIS_URL: 'redis://127.0.0.1:6379',
    TOPOLOGY_FILE: topologyFile,
    AUTH_JWT_PUBLIC_KEY_FILE: publicKeyFile,
    ...overrides,
  };
}

describe('loadNodeConfig', () => {
  it('accepts a complete environment and resolves the node from the topology', () => {
    const config = loadNodeConfig(env({ HTTP_PORT: '3201' }), '1.2.3');
    expect(config.node).toEqual({ code: '440300', name: '深圳市 Shenzhen', tier: 'city', parent: '440000' });
    expect(config.env.HTTP_PORT).toBe(3201);
    expect(config.env.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.version).toBe('1.2.3');
    expect(config.authPublicKeyPem).toBe(pair.publicKeyPem);
  });

  it.each([
    [
      'no way to verify tokens',
      { AUTH_JWT_PUBLIC_KEY_FILE: undefined },
      /AUTH_JWT_PUBLIC_KEY_FILE: is required/,
    ],
    ['a key file that does not exist', { AUTH_JWT_PUBLIC_KEY_FILE: '/nonexistent.pem' }, /cannot read/],
    ['a private key where the public key belongs', { AUTH_JWT_PUBLIC_KEY_FILE: privateKeyFile }, /SPKI PEM/],
    [
      'both a key file and a JWKS URL',
      { AUTH_JWKS_URL: 'https://idp.example/jwks' },
      /AUTH_JWKS_URL: set either/,
    ],
    [
      'a JWKS URL that is not a URL',
      { AUTH_JWT_PUBLIC_KEY_FILE: undefined, AUTH_JWKS_URL: 'idp' },
      /AUTH_JWKS_URL/,
    ],
  ])('refuses %s', (_case, overrides, message) => {
    expect(() => loadNodeConfig(env(overrides), '0')).toThrow(message);
  });

  it('accepts a JWKS URL instead of a key file', () => {
    const config = loadNodeConfig(
      env({ AUTH_JWT_PUBLIC_KEY_FILE: undefined, AUTH_JWKS_URL: 'https://idp.example/jwks' }),
      '0',
    );
    expect(config.authPublicKeyPem).toBeUndefined();
    expect(config.env.AUTH_JWKS_URL).toBe('https://idp.example/jwks');
  });

  it.each([
    ['NODE_CODE', { NODE_CODE: undefined }],
    ['NODE_TIER', { NODE_TIER: 'town' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'localhost' }],
    ['REDIS_URL', { REDIS_URL: undefined }],
    ['HTTP_PORT', { HTTP_PORT: '70000' }],
    ['HTTP_PORT', { HTTP_PORT: 'eighty' }],
  ])('names %s when it is wrong or missing', (variable, overrides) => {
    expect(() => loadNodeConfig(env(overrides), '0')).toThrow(
      new RegExp(`^invalid configuration: .*${variable}`),
    );
  });

  it('gives the capabilities their defaults', () => {
    const { env: e } = loadNodeConfig(env(), '0');
    expect({
      report: e.USAGE_REPORT_INTERVAL_MS,
      slice: e.USAGE_SLICE_INTERVAL_MS,
      slices: e.USAGE_SLICE_MAX_PER_ROUND,
      reconcile: e.RECONCILIATION_INTERVAL_MS,
      answer: e.RECONCILIATION_ANSWER_TIMEOUT_MS,
      deadline: e.ANALYTICS_REPORT_DEADLINE_DAY,
      faults: e.KAF_FAULT_POINTS,
    }).toEqual({
      report: 200,
      slice: 200,
      slices: 500,
      reconcile: 3_600_000,
      answer: 30_000,
      deadline: 5,
      faults: '',
    });
  });

  it("reads the capabilities' settings, 0 turning scheduled reconciliation off", () => {
    const { env: e } = loadNodeConfig(
      env({
        USAGE_SLICE_INTERVAL_MS: '50',
        USAGE_SLICE_MAX_PER_ROUND: '20',
        RECONCILIATION_INTERVAL_MS: '0',
        ANALYTICS_REPORT_DEADLINE_DAY: '10',
        KAF_FAULT_POINTS: 'relay.after-send:6,inbox.after-commit',
      }),
      '0',
    );
    expect(e.USAGE_SLICE_INTERVAL_MS).toBe(50);
    expect(e.USAGE_SLICE_MAX_PER_ROUND).toBe(20);
    expect(e.RECONCILIATION_INTERVAL_MS).toBe(0);
    expect(e.ANALYTICS_REPORT_DEADLINE_DAY).toBe(10);
    expect(e.KAF_FAULT_POINTS).toBe('relay.after-send:6,inbox.after-commit');
  });

  it("keeps a consumer's Kafka session 30 s unless told, and within the broker's bounds", () => {
    expect(loadNodeConfig(env(), '0').env.KAFKA_SESSION_TIMEOUT_MS).toBe(30_000);
    expect(loadNodeConfig(env({ KAFKA_SESSION_TIMEOUT_MS: '10000' }), '0').env.KAFKA_SESSION_TIMEOUT_MS).toBe(
      10_000,
    );
    for (const wrong of ['5999', '300001', '10s'])
      expect(() => loadNodeConfig(env({ KAFKA_SESSION_TIMEOUT_MS: wrong }), '0')).toThrow(
        /^invalid configuration: KAFKA_SESSION_TIMEOUT_MS: /,
      );
  });

  it.each([
    ['USAGE_REPORT_INTERVAL_MS', { USAGE_REPORT_INTERVAL_MS: '5' }],
    ['USAGE_REPORT_INTERVAL_MS', { USAGE_REPORT_INTERVAL_MS: 'soon' }],
    ['USAGE_REPORT_INTERVAL_MS', { USAGE_REPORT_INTERVAL_MS: '600001' }],
    ['USAGE_SLICE_INTERVAL_MS', { USAGE_SLICE_INTERVAL_MS: '0.5' }],
    ['USAGE_SLICE_MAX_PER_ROUND', { USAGE_SLICE_MAX_PER_ROUND: '0' }],
    ['RECONCILIATION_INTERVAL_MS', { RECONCILIATION_INTERVAL_MS: '500' }],
    ['RECONCILIATION_ANSWER_TIMEOUT_MS', { RECONCILIATION_ANSWER_TIMEOUT_MS: '30s' }],
    ['ANALYTICS_REPORT_DEADLINE_DAY', { ANALYTICS_REPORT_DEADLINE_DAY: '31' }],
    ['ANALYTICS_REPORT_DEADLINE_DAY', { ANALYTICS_REPORT_DEADLINE_DAY: 'x' }],
    ['KAF_FAULT_POINTS', { KAF_FAULT_POINTS: 'relay.somewhere' }],
    ['KAF_FAULT_POINTS', { KAF_FAULT_POINTS: 'inbox.after-commit:0' }],
    ['KAF_FAULT_POINTS', { KAF_FAULT_POINTS: 'relay.after-send,relay.after-sent:2' }],
  ])('names %s when a capability setting is wrong', (variable, overrides) => {
    expect(() => loadNodeConfig(env(overrides), '0')).toThrow(
      new RegExp(`^invalid configuration: ${variable}: `),
    );
  });

  it('names the unknown fault point and the known ones', () => {
    expect(() =>
      loadNodeConfig(env({ KAF_FAULT_POINTS: 'relay.after-send:2, inbox.before-commit' }), '0'),
    ).toThrow(
      "KAF_FAULT_POINTS: unknown fault point 'inbox.before-commit': must list relay.after-send or inbox.after-commit",
    );
  });

  it('warns at boot when fault points are armed, and only then', () => {
    expect(configWarnings(loadNodeConfig(env(), '0').env)).toEqual([]);
    const armed = loadNodeConfig(env({ KAF_FAULT_POINTS: 'inbox.after-commit:3' }), '0').env;
    expect(configWarnings(armed)).toEqual([
      expect.stringMatching(/^KAF_FAULT_POINTS is set \(inbox\.after-commit:3\)/),
    ]);
  });

  it('rejects a node code that is not in the topology', () => {
    expect(() => loadNodeConfig(env({ NODE_CODE: '110100' }), '0')).toThrow(
      'NODE_CODE: 110100 is not in the topology file',
    );
  });

  it('rejects a tier that contradicts the topology', () => {
    expect(() => loadNodeConfig(env({ NODE_TIER: 'province' }), '0')).toThrow(
      'NODE_TIER: 440300 is a city node in the topology, not province',
    );
  });

  it('names TOPOLOGY_FILE when the file is missing', () => {
    const call = () => loadNodeConfig(env({ TOPOLOGY_FILE: '/nonexistent/topology.json' }), '0');
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(/^TOPOLOGY_FILE: cannot read topology file/);
  });
});
