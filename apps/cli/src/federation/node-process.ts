import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stopOrder } from './federation-plan';
import type { NodeRecord } from './federation-state';

/** Settings shared by every node of a local federation. */
export interface NodeRuntimeSettings {
  topologyFile: string;
  namespace: string;
  kafkaBrokers: string;
  redisUrl: string;
  reportIntervalMs: number;
  logLevel: string;
  /** SPKI PEM file the nodes verify bearer tokens with. */
  authPublicKeyFile: string;
}

export interface NodeLaunch {
  code: string;
  tier: string;
  port: number;
  databaseUrl: string;
}

/** The environment a node process is started with (on top of the caller's own). */
export function nodeEnvironment(node: NodeLaunch, settings: NodeRuntimeSettings): Record<string, string> {
  return {
    NODE_CODE: node.code,
    NODE_TIER: node.tier,
    DATABASE_URL: node.databaseUrl,
    KAFKA_BROKERS: settings.kafkaBrokers,
    REDIS_URL: settings.redisUrl,
    HTTP_PORT: String(node.port),
    TOPOLOGY_FILE: settings.topologyFile,
    FEDERATION_NAMESPACE: settings.namespace,
    STATUS_REPORT_INTERVAL_MS: String(settings.reportIntervalMs),
    LOG_LEVEL: settings.logLevel,
    AUTH_JWT_PUBLIC_KEY_FILE: settings.authPublicKeyFile,
  };
}

export interface SpawnedNode {
  pid: number;
  /** Set once the process has exited while this command was still running. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/**
 * Starts `node <entry>` as a detached process in its own process group, with stdout and stderr
 * going to `logFile` (the previous log is kept as `<logFile>.1`). The process outlives the caller.
 */
export function spawnNode(
  entry: string,
  cwd: string,
  env: Record<string, string>,
  logFile: string,
): SpawnedNode {
  mkdirSync(dirname(logFile), { recursive: true });
  if (existsSync(logFile)) renameSync(logFile, `${logFile}.1`);
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(process.execPath, [entry], {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`could not start ${process.execPath} ${entry}`);
    const spawned: SpawnedNode = { pid: child.pid, exit: undefined };
    child.on('exit', (code, signal) => {
      spawned.exit = { code, signal };
    });
    child.on('error', () => undefined);
    child.unref();
    return spawned;
  } finally {
    closeSync(fd);
  }
}

/** True when `pid` is a live process (not a zombie). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProc(pid, 'stat');
  if (stat === undefined) return true; // no procfs: trust kill(0)
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X' && state !== '';
}

/**
 * True when `pid` is alive and still the node process that was recorded: its command line runs
 * `entry` and its environment names the node. Guards against signalling a recycled pid. Without
 * procfs, falls back to the process being alive.
 */
export function isRecordedNode(pid: number, entry: string, code: string): boolean {
  if (!isProcessAlive(pid)) return false;
  const cmdline = readProc(pid, 'cmdline');
  if (cmdline === undefined) return true;
  const args = cmdline.split('\0').filter(Boolean);
  if (!args.some((a) => a === entry || resolve(a) === entry)) return false;
  const environ = readProc(pid, 'environ');
  if (environ === undefined) return true; // unreadable environment: the command line is enough
  return environ.split('\0').includes(`NODE_CODE=${code}`);
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1');
  } catch {
    return undefined;
  }
}

export type StopOutcome = 'stopped' | 'killed' | 'not-running' | 'failed';

export interface StopResult {
  code: string;
  pid: number;
  outcome: StopOutcome;
  ms: number;
  error?: string;
}

export interface StopOptions {
  entry: string;
  /** How long each wave (cities, provinces, national) may take to exit after SIGTERM. */
  timeoutMs: number;
  onResult?: (result: StopResult) => void;
}

/**
 * Stops the recorded nodes children first: SIGTERM to a whole tier, wait (bounded) for every one
 * of them to exit, SIGKILL to the process group of any that did not, then the next tier up.
 */
export async function stopNodes(records: readonly NodeRecord[], options: StopOptions): Promise<StopResult[]> {
  const results: StopResult[] = [];
  for (const wave of stopOrder(records)) {
    const started = Date.now();
    const pending: NodeRecord[] = [];
    for (const r of wave) {
      if (!isRecordedNode(r.pid, options.entry, r.code)) {
        report({ code: r.code, pid: r.pid, outcome: 'not-running', ms: 0 });
        continue;
      }
      try {
        process.kill(r.pid, 'SIGTERM');
        pending.push(r);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ESRCH') report({ code: r.code, pid: r.pid, outcome: 'not-running', ms: 0 });
        else report({ code: r.code, pid: r.pid, outcome: 'failed', ms: 0, error: (error as Error).message });
      }
    }
    const deadline = started + options.timeoutMs;
    while (pending.length > 0) {
      for (const r of [...pending]) {
        if (!isProcessAlive(r.pid)) {
          pending.splice(pending.indexOf(r), 1);
          report({ code: r.code, pid: r.pid, outcome: 'stopped', ms: Date.now() - started });
        }
      }
      if (pending.length === 0) break;
      if (Date.now() >= deadline) {
        for (const r of pending.splice(0)) {
          killGroup(r.pid);
          const gone = await waitUntil(() => !isProcessAlive(r.pid), 5000, 100);
          report({
            code: r.code,
            pid: r.pid,
            outcome: gone ? 'killed' : 'failed',
            ms: Date.now() - started,
            ...(gone ? {} : { error: 'still alive after SIGKILL' }),
          });
        }
        break;
      }
      await sleep(100);
    }
  }
  return results;

  function report(result: StopResult): void {
    results.push(result);
    options.onResult?.(result);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** The last `lines` lines of a text file ('' when it does not exist). */
export function tailFile(file: string, lines = 40): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all.slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` has passed. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())));
  }
}
