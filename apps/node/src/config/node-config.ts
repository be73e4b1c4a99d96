import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { NODE_TIERS, type NodeTier, Topology, TopologyError, type TopologyNode } from '@kaf/federation';
import { FAULT_POINTS } from '@kaf/messaging';

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

function faultPointParts(spec: string): string[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const envSchema = z.object({
  NODE_CODE: z
    .string({ required_error: 'is required' })
    .regex(/^(CN|\d{6})$/, 'must be CN or a 6-digit GB/T 2260 code'),
  NODE_TIER: z.enum(NODE_TIERS, {
    errorMap: (_issue, ctx) => ({
      message: ctx.data === undefined ? 'is required' : `must be one of ${NODE_TIERS.join(', ')}`,
    }),
  }),
  DATABASE_URL: z
    .string({ required_error: 'is required' })
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// connection URL'),
  KAFKA_BROKERS: z
    .string({ required_error: 'is required' })
    .transform((s) =>
      s
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'each broker must be host:port'))
        .min(1, 'must list a broker'),
    ),
  REDIS_URL: z.string({ required_error: 'is required' }).regex(/^rediss?:\/\/.+/, 'must be a redis:// URL'),
  HTTP_PORT: int(1, 65535).default('3000'),
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  FEDERATION_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,30}$/, 'must be lowercase letters, digits or dashes, starting with a letter')
    .default('fed'),
  TOPOLOGY_FILE: z.string().min(1).default('deploy/topology/dev.json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  APP_VERSION: z.string().min(1).optional(),
  STATUS_REPORT_INTERVAL_MS: int(100, 3_600_000).default('15000'),
  INBOX_PARTITIONS: int(1, 256).default('3'),
  KAFKA_REPLICATION_FACTOR: int(1, 5).default('1'),
  // The broker's group.min.session.timeout.ms is 6 s by default.
  KAFKA_SESSION_TIMEOUT_MS: int(6000, 300_000).default('30000'),
  INBOX_MAX_ATTEMPTS: int(1, 100).default('5'),
  INBOX_RETRY_BACKOFF_MS: int(0, 60_000).default('200'),
  INBOX_CHUNK_SIZE: int(1, 5000).default('500'),
  RELAY_BATCH_SIZE: int(1, 10_000).default('1000'),
  RELAY_POLL_INTERVAL_MS: int(10, 60_000).default('1000'),
  SHUTDOWN_TIMEOUT_MS: int(1000, 600_000).default('20000'),
  DB_POOL_SIZE: int(1, 200).default('10'),
  AUTH_JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.string().url('must be an http(s) URL').optional(),
  AUTH_JWT_ISSUER: z.string().min(1).default('kaf-dev'),
  AUTH_JWT_AUDIENCE: z.string().min(1).default('kaf'),
  AUTH_CLOCK_TOLERANCE_SECONDS: int(0, 600).default('30'),
  AGREEMENT_RENEWAL_REMINDER_DAYS: int(1, 365).default('30'),
  AGREEMENT_REMINDER_RECONCILE_MS: int(1000, 86_400_000).default('3600000'),
  USAGE_REPORT_INTERVAL_MS: int(10, 600_000).default('200'),
  USAGE_SLICE_INTERVAL_MS: int(10, 600_000).default('200'),
  USAGE_SLICE_MAX_PER_ROUND: int(1, 100_000).default('500'),
  RECONCILIATION_INTERVAL_MS: int(0, 7 * 86_400_000)
    .default('3600000')
    .refine((ms) => ms === 0 || ms >= 1000, 'must be 0 (off) or at least 1000'),
  RECONCILIATION_ANSWER_TIMEOUT_MS: int(100, 86_400_000).default('30000'),
  // Every month has days 1–28.
  ANALYTICS_REPORT_DEADLINE_DAY: int(1, 28).default('5'),
  BILLING_USAGE_PARTITIONS: int(1, 256).default('3'),
  BILLING_USAGE_CHUNK_EVENTS: int(1, 20_000).default('5000'),
  ONE_STOP_SLA_RECONCILE_MS: int(1000, 86_400_000).default('60000'),
  ONE_STOP_QUOTE_VALID_DAYS: int(1, 365).default('30'),
  TICKET_SLA_RECONCILE_MS: int(1000, 86_400_000).default('60000'),
  ONE_STOP_SETTLEMENT_CHECK_MS: int(0, 86_400_000).default('3600000'),
  USAGE_HIGH_VALUE_MIN_MONTHLY_FEN: z
    .string()
    .regex(/^(0|[1-9]\d{0,15})$/, 'must be whole fen without sign or leading zeros')
    .transform(BigInt)
    .default('5000000'),
  USAGE_CHURN_DROP_PERCENT: int(1, 99).default('30'),
  // Replace the default SLA of every product until the national node publishes a one-stop policy.
  ONE_STOP_DEFAULT_END_SLA_SECONDS: int(1, 31_536_000).optional(),
  ONE_STOP_DEFAULT_TRANSIT_SLA_SECONDS: int(1, 31_536_000).optional(),
  // The same for the time within which every segment node must answer a circuit quote.
  ONE_STOP_DEFAULT_QUOTE_REPLY_SECONDS: int(1, 604_800).optional(),
  // Test hook: crash points of the messaging fault tests, e.g. `relay.after-send:3`.
  KAF_FAULT_POINTS: z
    .string()
    .superRefine((spec, ctx) => {
      for (const part of faultPointParts(spec)) {
        const [name, hit] = part.split(':', 2) as [string, string | undefined];
        if (
          !(FAULT_POINTS as readonly string[]).includes(name) ||
          (hit !== undefined && !/^[1-9]\d*$/.test(hit))
        ) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `unknown fault point '${part}': must list ${FAULT_POINTS.join(' or ')}, each with an optional :hit`,
          });
        }
      }
    })
    .default(''),
});

export type NodeEnv = z.infer<typeof envSchema>;

export interface NodeConfig {
  env: NodeEnv;
  /** SPKI PEM read from AUTH_JWT_PUBLIC_KEY_FILE, when that is how tokens are verified. */
  authPublicKeyPem?: string;
  node: TopologyNode;
  tier: NodeTier;
  topology: Topology;
  version: string;
}

/** Settings that are valid but must not go unnoticed: logged as warnings when the node boots. */
export function configWarnings(env: NodeEnv): string[] {
  const warnings: string[] = [];
  if (faultPointParts(env.KAF_FAULT_POINTS).length > 0) {
    warnings.push(
      `KAF_FAULT_POINTS is set (${env.KAF_FAULT_POINTS}): this process kills itself at those points; for fault tests only, never in a deployment`,
    );
  }
  return warnings;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the environment once at boot. Any problem is reported with the name of the
 * variable at fault, and the node refuses to start.
 */
export function loadNodeConfig(source: NodeJS.ProcessEnv, defaultVersion: string): NodeConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  let topology: Topology;
  try {
    topology = Topology.load(env.TOPOLOGY_FILE);
  } catch (error) {
    if (error instanceof TopologyError) throw new ConfigError(`TOPOLOGY_FILE: ${error.message}`);
    throw error;
  }
  const node = topology.find(env.NODE_CODE);
  if (!node)
    throw new ConfigError(`NODE_CODE: ${env.NODE_CODE} is not in the topology file ${env.TOPOLOGY_FILE}`);
  if (node.tier !== env.NODE_TIER) {
    throw new ConfigError(
      `NODE_TIER: ${env.NODE_CODE} is a ${node.tier} node in the topology, not ${env.NODE_TIER}`,
    );
  }
  return {
    env,
    node,
    tier: node.tier,
    topology,
    version: env.APP_VERSION ?? defaultVersion,
    ...readAuthKey(env),
  };
}

/** Exactly one way to verify tokens must be configured: a public key file or a JWKS URL. */
function readAuthKey(env: NodeEnv): { authPublicKeyPem?: string } {
  if (env.AUTH_JWT_PUBLIC_KEY_FILE && env.AUTH_JWKS_URL) {
    throw new ConfigError('AUTH_JWKS_URL: set either AUTH_JWT_PUBLIC_KEY_FILE or AUTH_JWKS_URL, not both');
  }
  if (env.AUTH_JWKS_URL) return {};
  if (!env.AUTH_JWT_PUBLIC_KEY_FILE) {
    throw new ConfigError(
      'AUTH_JWT_PUBLIC_KEY_FILE: is required (or AUTH_JWKS_URL): bearer tokens must be verifiable',
    );
  }
  let pem: string;
  try {
    pem = readFileSync(env.AUTH_JWT_PUBLIC_KEY_FILE, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `AUTH_JWT_PUBLIC_KEY_FILE: cannot read ${env.AUTH_JWT_PUBLIC_KEY_FILE}: ${String(error)}`,
    );
  }
  if (!pem.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new ConfigError('AUTH_JWT_PUBLIC_KEY_FILE: must hold an SPKI PEM public key (BEGIN PUBLIC KEY)');
  }
  return { authPublicKeyPem: pem };
}
