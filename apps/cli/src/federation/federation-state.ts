import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeTier } from '@kaf/federation';

export const STATE_VERSION = 1;

/** A node started by `federation up`, as recorded in `<run-dir>/state.json`. */
export interface NodeRecord {
  code: string;
  name: string;
  tier: NodeTier;
  parent: string | null;
  pid: number;
  port: number;
  db: string;
  url: string;
  logFile: string;
  reportIntervalMs: number;
  startedAt: string;
}

export interface FederationState {
  version: typeof STATE_VERSION;
  namespace: string;
  topologyFile: string;
  updatedAt: string;
  /** Ordered by port, which is topology order (parents before children). */
  nodes: NodeRecord[];
}

export class StateError extends Error {
  override readonly name = 'StateError';
}

export function statePath(runDir: string): string {
  return join(runDir, 'state.json');
}

export function logDir(runDir: string): string {
  return join(runDir, 'logs');
}

export function logFileFor(runDir: string, code: string): string {
  return join(logDir(runDir), `${code}.log`);
}

export function emptyState(namespace: string, topologyFile: string): FederationState {
  return { version: STATE_VERSION, namespace, topologyFile, updatedAt: new Date().toISOString(), nodes: [] };
}

/** The recorded federation, or undefined when the run directory holds none. */
export function readState(runDir: string): FederationState | undefined {
  const file = statePath(runDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateError(
      `${file} is not valid JSON (${(error as Error).message}); remove it if no node is running`,
    );
  }
  return parseState(json, file);
}

export function parseState(json: unknown, source = 'state'): FederationState {
  const fail = (what: string): never => {
    throw new StateError(`${source} is not a federation state file: ${what}`);
  };
  if (!isObject(json)) return fail('not an object');
  if (json.version !== STATE_VERSION) return fail(`unsupported version ${String(json.version)}`);
  if (typeof json.namespace !== 'string') return fail('namespace missing');
  if (typeof json.topologyFile !== 'string') return fail('topologyFile missing');
  if (!Array.isArray(json.nodes)) return fail('nodes missing');
  const nodes = json.nodes.map((n: unknown, i: number) => {
    if (!isObject(n)) return fail(`nodes[${i}] is not an object`);
    for (const key of ['code', 'name', 'tier', 'db', 'url', 'logFile', 'startedAt'] as const) {
      if (typeof n[key] !== 'string') return fail(`nodes[${i}].${key} missing`);
    }
    for (const key of ['pid', 'port', 'reportIntervalMs'] as const) {
      if (!Number.isInteger(n[key])) return fail(`nodes[${i}].${key} missing`);
    }
    if (!['national', 'province', 'city'].includes(n.tier as string)) return fail(`nodes[${i}].tier invalid`);
    if (n.parent !== null && typeof n.parent !== 'string') return fail(`nodes[${i}].parent invalid`);
    return n as unknown as NodeRecord;
  });
  return {
    version: STATE_VERSION,
    namespace: json.namespace,
    topologyFile: json.topologyFile,
    updatedAt: typeof json.updatedAt === 'string' ? json.updatedAt : new Date(0).toISOString(),
    nodes: sortNodes(nodes),
  };
}

/** Writes the state atomically (temporary file, then rename). */
export function writeState(runDir: string, state: FederationState): void {
  mkdirSync(runDir, { recursive: true });
  const file = statePath(runDir);
  const tmp = `${file}.${process.pid}.tmp`;
  const out: FederationState = {
    ...state,
    updatedAt: new Date().toISOString(),
    nodes: sortNodes(state.nodes),
  };
  writeFileSync(tmp, `${JSON.stringify(out, null, 2)}\n`);
  renameSync(tmp, file);
}

export function clearState(runDir: string): void {
  rmSync(statePath(runDir), { force: true });
}

/** Adds or replaces the record of `record.code`. */
export function withNode(state: FederationState, record: NodeRecord): FederationState {
  return { ...state, nodes: sortNodes([...state.nodes.filter((n) => n.code !== record.code), record]) };
}

export function withoutNodes(state: FederationState, codes: Iterable<string>): FederationState {
  const drop = new Set(codes);
  return { ...state, nodes: state.nodes.filter((n) => !drop.has(n.code)) };
}

function sortNodes(nodes: NodeRecord[]): NodeRecord[] {
  return [...nodes].sort((a, b) => a.port - b.port || a.code.localeCompare(b.code));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs `fn` while holding `<run-dir>/.lock`, so two commands never change the same federation at
 * once. A lock left by a process that no longer exists is taken over.
 */
export async function withRunDirLock<T>(
  runDir: string,
  fn: () => Promise<T>,
  timeoutMs = 180_000,
): Promise<T> {
  mkdirSync(runDir, { recursive: true });
  const lock = join(runDir, '.lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(safeRead(lock), 10);
      if (!Number.isInteger(holder) || holder <= 0 || !pidExists(holder)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new StateError(
          `${runDir} is locked by process ${holder} (another federation command is running)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    if (safeRead(lock).trim() === String(process.pid)) rmSync(lock, { force: true });
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
