import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { nodeEnvironment } from '@kaf/cli/federation/node-process';
import { waitFor } from './wait';

import { adminToken, ensureTestSigningKeys, TEST_PUBLIC_KEY_FILE } from './auth';
import { REPO_ROOT } from './paths';
import { databaseUrl } from './test-database';

export { REPO_ROOT };
const NODE_ENTRY = join(REPO_ROOT, 'dist/apps/node/src/main.js');
const LOG_DIR = join(REPO_ROOT, '.run/test-logs');

/**
 * The one boot budget: how long nodes started side by side may take to be ready, the default of
 * `startAndWaitReady` and `waitReady`. Sized for the heaviest case the runner makes: two e2e suites
 * at once on a 2-core machine, each booting up to four nodes together, every one migrating a fresh
 * database and joining its Kafka consumer group. A node took up to about 30 s to start in that
 * case; the budget leaves a wide margin, since running out of it fails a whole suite. (The suite
 * that boots seven nodes at once runs alone.)
 */
export const BOOT_BUDGET_MS = 180_000;
/**
 * The timeout of a hook that boots nodes: the boot budget, and a minute for its own setup. A hook
 * with more to do after the boot says so as `BOOT_BUDGET_MS + <its setup>`; a test that boots nodes
 * again counts in boot budgets too.
 */
export const BOOT_HOOK_TIMEOUT_MS = BOOT_BUDGET_MS + 60_000;

export interface NodeSpec {
  code: string;
  tier: 'national' | 'province' | 'city';
  port: number;
  database: string;
  namespace: string;
  env?: Record<string, string>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One federation node running as a real OS process, as in production. */
export class NodeProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<Exit> | undefined;
  readonly logFile: string;
  readonly url: string;

  constructor(readonly spec: NodeSpec) {
    mkdirSync(LOG_DIR, { recursive: true });
    this.logFile = join(LOG_DIR, `${spec.namespace}-${spec.code}.log`);
    this.url = `http://127.0.0.1:${spec.port}`;
  }

  /** The launcher's node environment, with the short intervals the suites rely on. */
  static environment(spec: NodeSpec): Record<string, string> {
    return {
      ...nodeEnvironment(
        {
          code: spec.code,
          tier: spec.tier,
          port: spec.port,
          databaseUrl: databaseUrl(spec.database),
        },
        {
          topologyFile: join(REPO_ROOT, 'deploy/topology/dev.json'),
          namespace: spec.namespace,
          kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
          redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          reportIntervalMs: 1000,
          logLevel: 'info',
          authPublicKeyFile: TEST_PUBLIC_KEY_FILE,
        },
      ),
      HTTP_HOST: '127.0.0.1',
      INBOX_RETRY_BACKOFF_MS: '50',
      RELAY_POLL_INTERVAL_MS: '200',
      ...(spec.env ?? {}),
    };
  }

  /** Starts the process; `extraEnv` applies to this start only (e.g. a fault point). */
  start(extraEnv: Record<string, string> = {}): void {
    if (this.running) throw new Error(`${this.spec.code} is already running`);
    // The node verifies tokens with the suites' public key: whoever starts a node (a suite or a
    // benchmark) has it made first.
    ensureTestSigningKeys();
    const log = createWriteStream(this.logFile, { flags: 'a' });
    log.write(`\n=== start ${new Date().toISOString()} ${JSON.stringify(extraEnv)}\n`);
    const child = spawn(process.execPath, [NODE_ENTRY], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...NodeProcess.environment(this.spec), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.child = child;
  }

  async startAndWaitReady(extraEnv: Record<string, string> = {}, timeoutMs = BOOT_BUDGET_MS): Promise<void> {
    this.start(extraEnv);
    await this.waitReady(timeoutMs);
  }

  async waitReady(timeoutMs = BOOT_BUDGET_MS): Promise<void> {
    const ready = waitFor(
      `${this.spec.code} ready`,
      async () => (await fetch(`${this.url}/health/ready`)).status,
      (status) => status === 200,
      timeoutMs,
    );
    // A process that dies while starting fails the wait at once instead of at the timeout.
    const died = this.waitExit(timeoutMs + 1000).then((exit) => {
      throw new Error(`${this.spec.code} exited while starting: ${JSON.stringify(exit)}`);
    });
    await Promise.race([ready, died]).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- log tail of ${this.spec.code} ---\n${this.tail()}`);
    });
    died.catch(() => undefined);
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when the current process exits (immediately if it already has). */
  waitExit(timeoutMs = 30_000): Promise<Exit> {
    if (!this.exited) return Promise.resolve({ code: null, signal: null });
    return Promise.race([
      this.exited,
      new Promise<Exit>((_, reject) =>
        setTimeout(
          () => reject(new Error(`${this.spec.code} did not exit within ${timeoutMs} ms`)),
          timeoutMs,
        ).unref(),
      ),
    ]);
  }

  async stop(timeoutMs = 30_000): Promise<Exit> {
    if (!this.running) return this.waitExit();
    this.child!.kill('SIGTERM');
    return this.waitExit(timeoutMs);
  }

  async kill(): Promise<Exit> {
    if (!this.running) return this.waitExit();
    this.child!.kill('SIGKILL');
    return this.waitExit();
  }

  /** Runs SQL against the node's own database. */
  async sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl(this.spec.database) });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  tail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /**
   * Any HTTP call. `token` defaults to a national node_admin token; pass `null` for none.
   * The body is parsed as JSON when it is JSON, else returned as text.
   */
  async request<T = unknown>(
    method: string,
    path: string,
    options: {
      token?: string | null;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<HttpResponse<T>> {
    const token = options.token === undefined ? await adminToken() : options.token;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  async get<T>(path: string, token?: string | null): Promise<T> {
    const res = await this.request<T>('GET', path, { token });
    if (res.status !== 200) throw new Error(`GET ${path} on ${this.spec.code}: ${res.status} ${res.text}`);
    return res.body;
  }

  async post<T>(path: string, body: unknown, token?: string | null): Promise<{ status: number; body: T }> {
    const res = await this.request<T>('POST', path, { token, body });
    return { status: res.status, body: res.body };
  }
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}
