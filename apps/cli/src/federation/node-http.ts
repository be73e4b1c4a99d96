import { request } from 'node:http';
import { Socket } from 'node:net';

export interface HttpResult {
  status: number;
  body: unknown;
}

/** Bearer authorization header for `token`, or none. */
export function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** GET a JSON document without keep-alive. Rejects on connection errors and timeouts. */
export function getJson(
  url: string,
  timeoutMs = 2000,
  options: { headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  return sendJson('GET', url, undefined, timeoutMs, options);
}

/** Sends `body` (if any) as JSON and reads a JSON answer, without keep-alive. */
export function sendJson(
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  timeoutMs = 2000,
  options: { headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...options.headers,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export type Readiness =
  { state: 'ready' } | { state: 'not-ready'; detail: string } | { state: 'unreachable'; detail: string };

/** What GET /health/ready says, summarised. */
export async function probeReady(baseUrl: string, timeoutMs = 3000): Promise<Readiness> {
  try {
    const { status, body } = await getJson(`${baseUrl}/health/ready`, timeoutMs);
    if (status === 200) return { state: 'ready' };
    return { state: 'not-ready', detail: describeReadyBody(status, body) };
  } catch (error) {
    return { state: 'unreachable', detail: (error as Error).message };
  }
}

function describeReadyBody(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null && 'checks' in body) {
    const checks = (body as { checks: Record<string, { status: string; error?: string }> }).checks;
    const down = Object.entries(checks ?? {})
      .filter(([, c]) => c?.status !== 'up')
      .map(([name, c]) => `${name}: ${c?.error ?? c?.status ?? 'down'}`);
    const overall = (body as { status?: string }).status ?? `HTTP ${status}`;
    return down.length > 0 ? `${overall} (${down.join('; ')})` : overall;
  }
  return `HTTP ${status}`;
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

export type ChildHealth = 'reporting' | 'late' | 'silent' | 'never-reported';

/** One entry of GET /api/v1/federation/children (the fields the CLI uses). */
export interface ChildView {
  code: string;
  name: string;
  tier: string;
  health: ChildHealth;
  ageSeconds: number | null;
}

/** GET /api/v1/federation/children; it needs a token granting federation:read over the node. */
export async function fetchChildren(baseUrl: string, token: string, timeoutMs = 3000): Promise<ChildView[]> {
  const { status, body } = await getJson(`${baseUrl}/api/v1/federation/children`, timeoutMs, {
    headers: bearer(token),
  });
  if (status !== 200) {
    throw new Error(`GET /api/v1/federation/children answered HTTP ${status}${problemDetail(body)}`);
  }
  if (!Array.isArray(body)) throw new Error('GET /api/v1/federation/children did not return a list');
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  return body.map((c: Record<string, unknown>) => ({
    code: text(c.code),
    name: text(c.name),
    tier: text(c.tier),
    health: text(c.health) as ChildHealth,
    ageSeconds: typeof c.ageSeconds === 'number' ? c.ageSeconds : null,
  }));
}

/** `: <detail>` of a problem+json body, or nothing. */
function problemDetail(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { detail, title } = body as { detail?: unknown; title?: unknown };
  const text = typeof detail === 'string' ? detail : typeof title === 'string' ? title : '';
  return text ? `: ${text}` : '';
}
