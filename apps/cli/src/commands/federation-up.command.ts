import { existsSync } from 'node:fs';
import { Topology, TopologyError } from '@kaf/federation';
import {
  NAMESPACE_PATTERN,
  type PlannedNode,
  PlanError,
  planFederation,
} from '../federation/federation-plan';
import {
  emptyState,
  type FederationState,
  logFileFor,
  type NodeRecord,
  readState,
  withNode,
  withoutNodes,
  withRunDirLock,
  writeState,
} from '../federation/federation-state';
import { ensureDatabases, redact } from '../federation/node-databases';
import { postgresUrl } from '../federation/postgres-url';
import { isPortOpen, probeReady, type Readiness } from '../federation/node-http';
import { resetNodeTopics } from '../federation/node-topics';
import {
  isProcessAlive,
  isRecordedNode,
  nodeEnvironment,
  type NodeRuntimeSettings,
  sleep,
  type SpawnedNode,
  spawnNode,
  stopNodes,
  tailFile,
} from '../federation/node-process';
import { formatTable } from '../util/table';
import { type CliCommand, type CliContext, intOption, parseOptions, seconds, UsageError } from './command';
import { ensureDevKeys } from '../auth/dev-keys';
import {
  DEFAULT_TOPOLOGY,
  displayPath,
  runDirHelp,
  RUN_DIR_OPTION,
  resolveRunDir,
  resolveTopologyFile,
  TOPOLOGY_OPTION,
} from './federation-options';

const DEFAULTS = {
  topology: DEFAULT_TOPOLOGY,
  basePort: 3000,
  namespace: 'fed',
  reportIntervalMs: 5000,
  kafkaBrokers: '127.0.0.1:9092',
  redisUrl: 'redis://127.0.0.1:6379',
  logLevel: 'info',
  readyTimeoutMs: 120_000,
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const POLL_MS = 500;
const STOP_TIMEOUT_MS = 30_000;

const HELP = `Usage: federation up [options]

Starts a local federation: one node process per topology node, each with its own
PostgreSQL database (kaf_<namespace>_<code>), HTTP port and log file, parents first.
Waits until every node answers GET /health/ready, then prints where each one is.

A node that is already running (recorded pid alive) is left as it is. A node that
fails to become ready is reported with the tail of its log; the others keep running.

Options:
  --topology FILE            topology file (default: ${DEFAULTS.topology})
  --nodes CODES              comma-separated node codes to start (default: all)
  --base-port N              HTTP port of the first topology node; node i gets N+i
                             (default: ${DEFAULTS.basePort})
  --namespace NS             FEDERATION_NAMESPACE: prefixes Kafka topics, groups and
                             database names (default: ${DEFAULTS.namespace})
${runDirHelp(29)}
  --report-interval-ms N     STATUS_REPORT_INTERVAL_MS of every node (default: ${DEFAULTS.reportIntervalMs})
  --fresh                    stop the selected nodes if they are running, drop and
                             recreate their databases, and delete their Kafka inbox
                             and dead-letter topics and inbox consumer group
  --pg-url URL               PostgreSQL maintenance database used to create the node
                             databases (default: database postgres with the settings
                             of scripts/lib/pg-env.sh: PG_HOST, PG_PORT, PG_USER,
                             PG_PASSWORD or the credentials file, else
                             postgres@127.0.0.1:5432)
  --kafka-brokers LIST       KAFKA_BROKERS (default: ${DEFAULTS.kafkaBrokers})
  --redis-url URL            REDIS_URL (default: ${DEFAULTS.redisUrl})
  --log-level LEVEL          LOG_LEVEL: ${LOG_LEVELS.join('|')} (default: ${DEFAULTS.logLevel})
  --ready-timeout-ms N       how long to wait for all nodes to be ready
                             (default: ${DEFAULTS.readyTimeoutMs})
  -h, --help                 show this help

Exit status: 0 when every selected node is ready, 1 otherwise, 2 on bad usage.`;

interface UpOptions {
  topologyFile: string;
  nodes: string | undefined;
  basePort: number;
  namespace: string;
  runDir: string;
  fresh: boolean;
  pgUrl: string;
  readyTimeoutMs: number;
  settings: NodeRuntimeSettings;
}

/** A selected node and how this run deals with it. */
interface Target {
  plan: PlannedNode;
  record: NodeRecord;
  spawned: SpawnedNode | undefined;
}

export const federationUpCommand: CliCommand = {
  name: 'federation up',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      ...TOPOLOGY_OPTION,
      nodes: { type: 'string' },
      'base-port': { type: 'string' },
      namespace: { type: 'string' },
      ...RUN_DIR_OPTION,
      'report-interval-ms': { type: 'string' },
      fresh: { type: 'boolean' },
      'pg-url': { type: 'string' },
      'kafka-brokers': { type: 'string' },
      'redis-url': { type: 'string' },
      'log-level': { type: 'string' },
      'ready-timeout-ms': { type: 'string' },
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const namespace = values.string('namespace') ?? DEFAULTS.namespace;
    if (!NAMESPACE_PATTERN.test(namespace)) {
      throw new UsageError(
        '--namespace must be lowercase letters, digits or dashes, starting with a letter (at most 31)',
      );
    }
    const logLevel = values.string('log-level') ?? DEFAULTS.logLevel;
    if (!LOG_LEVELS.includes(logLevel))
      throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
    const options: UpOptions = {
      topologyFile: resolveTopologyFile(ctx, values.string('topology')),
      nodes: values.string('nodes'),
      basePort: intOption('base-port', values.string('base-port'), DEFAULTS.basePort, 1, 65535),
      namespace,
      runDir: resolveRunDir(ctx, values.string('run-dir')),
      fresh: values.flag('fresh'),
      pgUrl: values.string('pg-url') ?? postgresUrl(ctx.repoRoot),
      readyTimeoutMs: intOption(
        'ready-timeout-ms',
        values.string('ready-timeout-ms'),
        DEFAULTS.readyTimeoutMs,
        1000,
        3_600_000,
      ),
      settings: {
        topologyFile: '',
        namespace,
        kafkaBrokers: values.string('kafka-brokers') ?? DEFAULTS.kafkaBrokers,
        redisUrl: values.string('redis-url') ?? DEFAULTS.redisUrl,
        reportIntervalMs: intOption(
          'report-interval-ms',
          values.string('report-interval-ms'),
          DEFAULTS.reportIntervalMs,
          100,
          3_600_000,
        ),
        logLevel,
        authPublicKeyFile: '',
      },
    };
    options.settings.topologyFile = options.topologyFile;
    options.settings.authPublicKeyFile = ensureDevKeys(options.runDir).publicKeyFile;
    return federationUp(options, ctx);
  },
};

async function federationUp(options: UpOptions, ctx: CliContext): Promise<number> {
  let topology: Topology;
  let plan: PlannedNode[];
  try {
    topology = Topology.load(options.topologyFile);
    plan = planFederation(topology, {
      nodes: options.nodes,
      basePort: options.basePort,
      namespace: options.namespace,
      adminDatabaseUrl: options.pgUrl,
    });
  } catch (error) {
    if (error instanceof PlanError && options.nodes !== undefined) {
      throw new UsageError(`--nodes: ${error.message}`);
    }
    if (error instanceof TopologyError || error instanceof PlanError) {
      ctx.err(`federation up: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (!existsSync(ctx.nodeEntry)) {
    ctx.err(`federation up: ${ctx.nodeEntry} does not exist; build first (npm run build)`);
    return 1;
  }

  return withRunDirLock(options.runDir, async () => {
    const began = Date.now();
    let state = loadCompatibleState(options, ctx);
    if (state === undefined) return 1;
    writeState(options.runDir, state);

    const isAlive = (r: NodeRecord): boolean => isRecordedNode(r.pid, ctx.nodeEntry, r.code);
    const selected = new Set(plan.map((p) => p.code));

    if (options.fresh) {
      const running = state.nodes.filter((r) => selected.has(r.code) && isAlive(r));
      if (running.length > 0) {
        ctx.err(
          `--fresh: stopping ${running.length} running node(s): ${running.map((r) => r.code).join(', ')}`,
        );
        const results = await stopNodes(running, { entry: ctx.nodeEntry, timeoutMs: STOP_TIMEOUT_MS });
        const failed = results.filter((r) => r.outcome === 'failed');
        if (failed.length > 0) {
          ctx.err(
            `federation up: could not stop ${failed.map((r) => `${r.code} (pid ${r.pid}: ${r.error})`).join(', ')}`,
          );
          return 1;
        }
      }
      state = withoutNodes(state, selected);
      writeState(options.runDir, state);
    }

    // Nodes left alone: recorded and alive. Everything else selected gets started.
    const keep = new Map(
      state.nodes.filter((r) => selected.has(r.code) && isAlive(r)).map((r) => [r.code, r]),
    );
    for (const r of keep.values()) {
      const p = plan.find((x) => x.code === r.code);
      ctx.err(`${r.code}: already running (pid ${r.pid}, port ${r.port}); left as it is`);
      if (p && p.port !== r.port) {
        ctx.err(`  note: it listens on ${r.port}, not ${p.port}; run 'federation down' to change ports`);
      }
      if (r.reportIntervalMs !== options.settings.reportIntervalMs) {
        ctx.err(
          `  note: it reports every ${r.reportIntervalMs} ms, not ${options.settings.reportIntervalMs} ms`,
        );
      }
    }
    const toStart = plan.filter((p) => !keep.has(p.code));

    // Ports must be free before anything is started.
    const busy: string[] = [];
    for (const p of toStart) {
      if (await isPortOpen(p.port)) busy.push(`${p.port} (${p.code})`);
    }
    if (busy.length > 0) {
      ctx.err(`federation up: port(s) already in use by another process: ${busy.join(', ')}`);
      ctx.err('  choose another --base-port, or stop whatever listens there');
      return 1;
    }

    if (toStart.length > 0) {
      const dbs = await ensureDatabases(
        options.pgUrl,
        toStart.map((p) => p.db),
        { fresh: options.fresh },
      );
      const created = dbs.filter((d) => d.action !== 'exists').map((d) => `${d.name} (${d.action})`);
      ctx.err(
        `databases on ${redact(options.pgUrl).replace(/\/[^/]*$/, '')}: ` +
          (created.length > 0 ? created.join(', ') : 'all present'),
      );
    }
    if (options.fresh && toStart.length > 0) {
      // Empty databases must not meet messages queued by an earlier run of these nodes.
      const reset = await resetNodeTopics(
        options.settings.kafkaBrokers.split(',').map((b) => b.trim()),
        options.namespace,
        toStart.map((p) => p.code),
      );
      const deleted = [...reset.deletedTopics, ...reset.deletedGroups.map((g) => `group ${g}`)];
      ctx.err(
        `kafka: ${deleted.length > 0 ? `deleted ${deleted.join(', ')}` : 'no earlier topics or groups'}`,
      );
      if (reset.keptGroups.length > 0) {
        ctx.err(
          `kafka: consumer group(s) left in place (${reset.keptGroups.map((k) => `${k.groupId}: ${k.reason}`).join(', ')});` +
            ' their offsets went with the deleted topics',
        );
      }
    }

    const targets: Target[] = [];
    for (const p of plan) {
      const kept = keep.get(p.code);
      if (kept) {
        targets.push({ plan: p, record: kept, spawned: undefined });
        continue;
      }
      const logFile = logFileFor(options.runDir, p.code);
      const env = nodeEnvironment(
        { code: p.code, tier: p.tier, port: p.port, databaseUrl: p.databaseUrl },
        options.settings,
      );
      const spawned = spawnNode(ctx.nodeEntry, ctx.repoRoot, env, logFile);
      const record: NodeRecord = {
        code: p.code,
        name: p.name,
        tier: p.tier,
        parent: p.parent,
        pid: spawned.pid,
        port: p.port,
        db: p.db,
        url: p.url,
        logFile,
        reportIntervalMs: options.settings.reportIntervalMs,
        startedAt: new Date().toISOString(),
      };
      state = withNode(state, record);
      writeState(options.runDir, state);
      ctx.err(
        `${p.code}: started pid ${spawned.pid} on port ${p.port} (${p.tier}, log ${displayPath(ctx, logFile)})`,
      );
      targets.push({ plan: p, record, spawned });
    }

    const failures = await waitReady(targets, options.readyTimeoutMs, ctx);
    if (failures.length > 0) {
      for (const f of failures) {
        ctx.err('');
        ctx.err(`${f.target.record.code} did not become ready: ${f.reason}`);
        const tail = tailFile(f.target.record.logFile, 40);
        ctx.err(`----- last 40 lines of ${displayPath(ctx, f.target.record.logFile)} -----`);
        ctx.err(tail || '(empty)');
        ctx.err(`----- end of ${displayPath(ctx, f.target.record.logFile)} -----`);
      }
      const failedCodes = new Set(failures.map((f) => f.target.record.code));
      const others = targets.filter((t) => !failedCodes.has(t.record.code)).map((t) => t.record.code);
      ctx.err('');
      ctx.err(`federation up: ${failures.length} node(s) failed: ${[...failedCodes].join(', ')}.`);
      if (others.length > 0) ctx.err(`Left running: ${others.join(', ')}.`);
      ctx.err(`Stop them with: ${downCommand(ctx, options.runDir)}`);
      return 1;
    }

    ctx.out(
      formatTable(
        ['CODE', 'NAME', 'TIER', 'PID', 'PORT', 'URL', 'LOG'],
        targets.map(({ record: r }) => [
          r.code,
          r.name,
          r.tier,
          String(r.pid),
          String(r.port),
          r.url,
          displayPath(ctx, r.logFile),
        ]),
      ),
    );
    const started = targets.filter((t) => t.spawned).length;
    ctx.out(
      `${targets.length} node(s) ready in ${seconds(Date.now() - began)}` +
        ` (${started} started, ${targets.length - started} already running); namespace '${options.namespace}'.`,
    );
    return 0;
  });
}

/**
 * The state of the run directory, if it can hold this federation: a state with live nodes must be
 * for the same namespace and topology. Records of dead nodes are dropped.
 */
function loadCompatibleState(options: UpOptions, ctx: CliContext): FederationState | undefined {
  const existing = readState(options.runDir);
  if (!existing) return emptyState(options.namespace, options.topologyFile);
  const alive = existing.nodes.filter((r) => isRecordedNode(r.pid, ctx.nodeEntry, r.code));
  if (alive.length === 0) return emptyState(options.namespace, options.topologyFile);
  if (existing.namespace !== options.namespace || existing.topologyFile !== options.topologyFile) {
    ctx.err(
      `federation up: ${displayPath(ctx, options.runDir)} already runs ${alive.length} node(s) of namespace ` +
        `'${existing.namespace}' with topology ${displayPath(ctx, existing.topologyFile)}.`,
    );
    ctx.err("  Run 'federation down' first, or use another --run-dir.");
    return undefined;
  }
  return { ...existing, nodes: alive };
}

interface ReadyFailure {
  target: Target;
  reason: string;
}

/** Polls every target's /health/ready until all are ready, one fails, or time runs out. */
async function waitReady(targets: Target[], timeoutMs: number, ctx: CliContext): Promise<ReadyFailure[]> {
  const began = Date.now();
  const deadline = began + timeoutMs;
  const pending = new Set(targets);
  const last = new Map<Target, Readiness>();
  const failures: ReadyFailure[] = [];
  ctx.err(`waiting for ${pending.size} node(s) to be ready (up to ${seconds(timeoutMs)})`);
  while (pending.size > 0) {
    await Promise.all(
      [...pending].map(async (t) => {
        const readiness = await probeReady(t.record.url);
        last.set(t, readiness);
        if (readiness.state === 'ready') {
          pending.delete(t);
          ctx.err(`  ready  ${t.record.code.padEnd(6)}  ${t.record.url}  (${seconds(Date.now() - began)})`);
          return;
        }
        const exit = t.spawned?.exit;
        if (exit || !isProcessAlive(t.record.pid)) {
          pending.delete(t);
          const how = exit
            ? exit.signal
              ? `killed by ${exit.signal}`
              : `exited with code ${exit.code}${exit.code === 78 ? ' (configuration error)' : ''}`
            : 'is no longer running';
          failures.push({ target: t, reason: `process ${t.record.pid} ${how}` });
        }
      }),
    );
    if (pending.size === 0 || failures.length > 0) break;
    if (Date.now() >= deadline) {
      for (const t of pending) {
        const r = last.get(t);
        const detail =
          !r || r.state === 'ready'
            ? 'no answer'
            : r.state === 'unreachable'
              ? `unreachable: ${r.detail}`
              : r.detail;
        failures.push({ target: t, reason: `not ready after ${seconds(timeoutMs)} (${detail})` });
      }
      break;
    }
    await sleep(POLL_MS);
  }
  return failures;
}

function downCommand(ctx: CliContext, runDir: string): string {
  const custom = runDir !== resolveRunDir(ctx, undefined);
  return `bash scripts/federation.sh down${custom ? ` --run-dir ${displayPath(ctx, runDir)}` : ''}`;
}
