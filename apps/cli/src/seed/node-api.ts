/** What a node answered. */
export interface ApiResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

export type Json = Record<string, unknown>;

/** A request a node refused or failed; the message names the call and the problem's detail. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly node: string,
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${node} ${method} ${path} answered HTTP ${status}${describeProblem(body)}`);
  }
}

function describeProblem(body: unknown): string {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body ? `: ${body}` : '';
  const { detail, title, errors } = body as { detail?: unknown; title?: unknown; errors?: unknown };
  const fields = Array.isArray(errors)
    ? errors
        .map((e: { field?: unknown; message?: unknown }) => `${String(e.field)}: ${String(e.message)}`)
        .join('; ')
    : '';
  const text = [typeof detail === 'string' ? detail : typeof title === 'string' ? title : '', fields]
    .filter(Boolean)
    .join(' ');
  return text ? `: ${text}` : '';
}

const PAGE = 500;

/** REST client of one node, acting as the principal of `token`. */
export class NodeApi {
  constructor(
    readonly code: string,
    readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 15_000,
  ) {}

  async request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** The answer of a call that must succeed (2xx). */
  async expect(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await this.request(method, path, body);
    if (res.status < 200 || res.status >= 300) throw this.error(method, path, res);
    return (res.body ?? {}) as Json;
  }

  /** POST that tolerates a duplicate: `undefined` when the node answers 409 Conflict. */
  async create(path: string, body: unknown): Promise<Json | undefined> {
    const res = await this.request('POST', path, body);
    if (res.status === 409) return undefined;
    if (res.status < 200 || res.status >= 300) throw this.error('POST', path, res);
    return (res.body ?? {}) as Json;
  }

  /** Every entry of a limit/offset list. */
  async list(path: string): Promise<Json[]> {
    const all: Json[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const sep = path.includes('?') ? '&' : '?';
      const page = `${path}${sep}limit=${PAGE}&offset=${offset}`;
      const res = await this.request('GET', page);
      if (res.status !== 200 || !Array.isArray(res.body)) throw this.error('GET', page, res);
      all.push(...(res.body as Json[]));
      const total = Number(res.headers.get('x-total-count'));
      if (res.body.length < PAGE || (Number.isFinite(total) && all.length >= total)) return all;
    }
  }

  private error(method: string, path: string, res: ApiResponse): ApiError {
    return new ApiError(this.code, method, path, res.status, res.body);
  }
}

/** A string field of an answer, or an error naming the call that lacked it. */
export function field(body: Json, name: string, what: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${what}: the answer has no '${name}'`);
  return value;
}
