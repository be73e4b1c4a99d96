import { randomUUID } from 'node:crypto';
import { type Permission, reachOf, ROLES, type Role } from '../../libs/auth/src';
import {
  aCustomerOf,
  aSalesTeam,
  anAgreement,
  type Manager,
  shanghaiDay,
} from '../agreements/sales-builders';
import { signRaw, tokenFor } from '../support/auth';
import { creditCode, customerBody, residentIdNumber } from '../support/builders';
import { FederationFixture } from '../support/federation-fixture';
import type { NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

/**
 * Every endpoint × every role × in-scope / out-of-scope records. Endpoints are read from each
 * tier's own OpenAPI document (with the permissions the guard enforces), so a new endpoint is
 * covered, or fails here for want of a sample body, without anyone remembering to add it.
 */

interface Operation {
  tier: 'city' | 'province' | 'national';
  method: string;
  path: string;
  permissions: Permission[];
  queryParams: string[];
  /** Top-level JSON body properties and their declared types, from the OpenAPI schema. */
  bodyProperties: Record<string, string>;
}

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  allOf?: OpenApiSchema[];
}

/** Records of one "world": the account manager's own, a colleague's, and another city's. */
interface World {
  customerId: string;
  contactId: string;
  managerId: string;
  agreementId: string;
  taskId: string;
  circuitOrderId: string;
  cityCode: string;
}

type Variant = 'own' | 'colleague' | 'otherCity';

const PRINCIPALS: Record<Role, { node: string }> = {
  account_manager: { node: '440300' },
  city_admin: { node: '440300' },
  province_analyst: { node: '440000' },
  province_admin: { node: '440000' },
  hq_analyst: { node: 'CN' },
  hq_admin: { node: 'CN' },
  billing_system: { node: '440300' },
  provisioning_engineer: { node: '440300' },
  node_admin: { node: 'CN' },
};

/** Path parameters whose values are records owned by a city (scoped), by the segment before them. */
const SCOPED_SEGMENTS: Record<string, keyof World> = {
  customers: 'customerId',
  contacts: 'contactId',
  'account-managers': 'managerId',
  'service-agreements': 'agreementId',
  tasks: 'taskId',
  'circuit-orders': 'circuitOrderId',
};

/** Query parameters that name a city's records. */
const SCOPED_QUERY: Record<string, keyof World> = {
  customerId: 'customerId',
  managerId: 'managerId',
  assigneeManagerId: 'managerId',
  supervisorId: 'managerId',
};

describe('authorisation matrix', () => {
  const fed = new FederationFixture();
  const nodes = {} as Record<Operation['tier'], NodeProcess>;
  let cityB: NodeProcess;
  let groupCode: string;
  const worlds = {} as Record<Variant, World>;
  let me: Manager;
  const operations: Operation[] = [];

  beforeAll(async () => {
    nodes.national = await fed.addNode('CN', 'national');
    nodes.province = await fed.addNode('440000', 'province');
    nodes.city = await fed.addNode('440300', 'city');
    cityB = await fed.addNode('440100', 'city');
    await Promise.all([nodes.national, nodes.province, nodes.city, cityB].map((n) => n.startAndWaitReady()));

    const group = await nodes.national.request<{ groupCode: string }>('POST', '/api/v1/group-customers', {
      token: await tokenFor({ roles: 'hq_admin', node: 'CN' }),
      body: { name: '矩阵测试集团', creditCode: creditCode('110000'), industry: 'I', grade: 'A' },
    });
    groupCode = group.body.groupCode;

    const teamA = await aSalesTeam(nodes.city);
    const teamB = await aSalesTeam(cityB);
    me = teamA.a;
    worlds.own = await aWorld(nodes.city, teamA.a);
    worlds.colleague = await aWorld(nodes.city, teamA.b);
    worlds.otherCity = await aWorld(cityB, teamB.a);

    const analyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    for (const w of Object.values(worlds)) {
      await waitFor(
        `customer ${w.customerId} at the province`,
        () => nodes.province.request('GET', `/api/v1/customers/${w.customerId}`, { token: analyst }),
        (r) => r.status === 200,
      );
    }
    for (const tier of ['national', 'province', 'city'] as const) {
      operations.push(...(await operationsOf(nodes[tier], tier)));
    }
  }, 300_000);

  afterAll(() => fed.dispose(), 120_000);

  async function aWorld(node: NodeProcess, manager: Manager): Promise<World> {
    const admin = await tokenFor({ roles: 'city_admin', node: node.spec.code });
    const customerId = await aCustomerOf(node, manager);
    const contact = await node.request<{ id: string }>('POST', `/api/v1/customers/${customerId}/contacts`, {
      token: admin,
      body: { name: '张三', mobile: '13800138000', role: '总经理', idNumber: residentIdNumber() },
    });
    const agreement = await node.request<{ id: string }>('POST', '/api/v1/service-agreements', {
      token: admin,
      body: anAgreement(customerId, { agreementNo: `M-${randomUUID().slice(0, 8).toUpperCase()}` }),
    });
    const task = await node.request<{ id: string }>('POST', '/api/v1/tasks', {
      token: admin,
      body: {
        title: '回访',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        customerId,
        assigneeManagerId: manager.id,
      },
    });
    // Both ends in Zhejiang, whose nodes do not run here: the order's messages wait on their topics.
    const circuitOrder = await node.request<{ id: string }>('POST', '/api/v1/circuit-orders', {
      token: admin,
      body: aCircuitOrder(customerId),
    });
    for (const r of [contact, agreement, task, circuitOrder]) {
      if (r.status !== 201) throw new Error(`seed failed: ${r.status} ${r.text}`);
    }
    return {
      customerId,
      contactId: contact.body.id,
      managerId: manager.id,
      agreementId: agreement.body.id,
      taskId: task.body.id,
      circuitOrderId: circuitOrder.body.id,
      cityCode: node.spec.code,
    };
  }

  async function operationsOf(node: NodeProcess, tier: Operation['tier']): Promise<Operation[]> {
    const doc = await node.get<{
      paths: Record<
        string,
        Record<
          string,
          {
            'x-kaf-permissions'?: Permission[];
            parameters?: { in: string; name: string }[];
            requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
          }
        >
      >;
      components?: { schemas?: Record<string, OpenApiSchema> };
    }>('/api/docs-json', null);
    const resolve = (schema: OpenApiSchema | undefined): OpenApiSchema | undefined =>
      schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
    const found: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const permissions = op['x-kaf-permissions'];
        if (permissions === undefined)
          throw new Error(`${method.toUpperCase()} ${path} at ${tier} declares no permissions`);
        if (permissions.length === 0) continue; // public
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const bodySchema = resolve(op.requestBody?.content?.['application/json']?.schema);
        const bodyProperties = Object.fromEntries(
          Object.entries(bodySchema?.properties ?? {}).map(([name, p]) => [
            name,
            resolve(p)?.type ?? 'object',
          ]),
        );
        found.push({ tier, method: method.toUpperCase(), path, permissions, queryParams, bodyProperties });
      }
    }
    return found;
  }

  /** Fills `{param}`s with the world's records; unscoped params get a harmless value. */
  function resolvePath(path: string, world: World): { url: string; scoped: boolean; unknownId: boolean } {
    let scoped = false;
    let unknownId = false;
    const segments = path.split('/');
    const url = segments
      .map((segment, i) => {
        const param = /^\{(\w+)\}$/.exec(segment)?.[1];
        if (!param) return segment;
        const field = SCOPED_SEGMENTS[segments[i - 1] ?? ''];
        if (field) {
          scoped = true;
          return world[field];
        }
        if (segments[i - 1] === 'group-customers') return groupCode;
        unknownId = true; // probe batches, dead letters: none exist here
        return randomUUID();
      })
      .join('/');
    return { url, scoped, unknownId };
  }

  /** A valid body for writes addressed at a record (so the handler, not the validator, answers). */
  function validBody(op: Operation, world: World): unknown {
    const key = `${op.method} ${op.path.replace(/\{\w+\}/g, '{}')}`;
    const bodies: Record<string, unknown> = {
      'PATCH /api/v1/customers/{}': { grade: 'B' },
      'POST /api/v1/customers/{}/status-changes': { status: 'active' },
      'PUT /api/v1/customers/{}/group': { groupCode },
      'DELETE /api/v1/customers/{}/group': undefined,
      'PUT /api/v1/customers/{}/manager': { managerId: worlds.own.managerId, reason: 'matrix' },
      'POST /api/v1/customers/{}/contacts': { name: '李四', mobile: '13900139000', role: '财务' },
      'PATCH /api/v1/customers/{}/contacts/{}': { role: '董事长' },
      'DELETE /api/v1/customers/{}/contacts/{}': undefined,
      'PATCH /api/v1/account-managers/{}': { name: '改名' },
      'PATCH /api/v1/service-agreements/{}': { title: '改名' },
      'PATCH /api/v1/tasks/{}': { title: '改名' },
      'POST /api/v1/circuit-orders/{}/cancel': { reason: 'matrix' },
      'POST /api/v1/circuit-orders/{}/hold': { reason: 'matrix' },
      'POST /api/v1/circuit-orders/{}/resume': undefined,
      // Writes that name records in the body instead of the path.
      'POST /api/v1/customers': customerBody({ managerId: world.managerId }),
      'POST /api/v1/service-agreements': anAgreement(world.customerId, {
        agreementNo: `X-${randomUUID().slice(0, 8).toUpperCase()}`,
      }),
      'POST /api/v1/visits': {
        customerId: world.customerId,
        visitedAt: new Date().toISOString(),
        channel: 'phone',
        summary: '电话回访',
      },
      'POST /api/v1/tasks': {
        title: '跟进',
        dueAt: `${shanghaiDay(3)}T09:00:00+08:00`,
        customerId: world.customerId,
      },
      'POST /api/v1/circuit-orders': aCircuitOrder(world.customerId),
      'POST /api/v1/portfolio-transfers': {
        fromManagerId: world.managerId,
        toManagerId: worlds.own.managerId,
        reason: 'matrix',
      },
      'POST /api/v1/circuit-quotes': {
        customerId: world.customerId,
        product: 'mpls_vpn',
        bandwidthMbps: 100,
        aEndNodeCode: '440300',
        zEndNodeCode: '440100',
      },
    };
    if (!(key in bodies)) throw new Error(`no sample body for ${key}`);
    return bodies[key];
  }

  const BODY_REFERENCES = new Set([
    'POST /api/v1/customers',
    'POST /api/v1/service-agreements',
    'POST /api/v1/visits',
    'POST /api/v1/tasks',
    'POST /api/v1/portfolio-transfers',
    'POST /api/v1/circuit-orders',
  ]);

  async function call(op: Operation, role: Role, url: string, body?: unknown, tokenNode?: string) {
    const token = await tokenFor({
      roles: role,
      node: tokenNode ?? PRINCIPALS[role].node,
      ...(role === 'account_manager' ? { subject: me.staffId } : {}),
    });
    return nodes[op.tier].request(op.method, url, {
      token,
      ...(body === undefined ? {} : { body }),
    });
  }

  /** Does `role`'s token cover records of `world` for `op`? (Node subtree and, for portfolios, ownership.) */
  function covers(op: Operation, role: Role, variant: Variant): boolean {
    const node = PRINCIPALS[role].node;
    const city = worlds[variant].cityCode;
    const isProvince = node !== 'CN' && node.endsWith('0000');
    const cityInReach =
      node === 'CN' || node === city || (isProvince && city.slice(0, 2) === node.slice(0, 2));
    if (!cityInReach) return false;
    return !(reachOfOp(op, role) === 'portfolio' && variant === 'colleague');
  }

  const reachOfOp = (op: Operation, role: Role) =>
    op.permissions.map((p) => reachOf([role], p)).find((r) => r === 'subtree') ??
    op.permissions.map((p) => reachOf([role], p)).find((r) => r !== undefined);

  it('reads the endpoints of all three tiers, each with its permissions', () => {
    expect(operations.length).toBeGreaterThan(40);
    const keys = operations.map((o) => `${o.tier} ${o.method} ${o.path}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'city POST /api/v1/customers',
        'city GET /api/v1/customers/{customerId}/contacts',
        'province GET /api/v1/customers/{id}',
        'national POST /api/v1/group-customers',
      ]),
    );
  });

  /** Is node `code` within the subtree of the node `principal` belongs to? */
  const within = (code: string, principal: string) =>
    principal === 'CN' ||
    principal === code ||
    (principal.endsWith('0000') && code !== 'CN' && code.slice(0, 2) === principal.slice(0, 2));

  /**
   * Functions refused to some holders of their permission, by where the caller sits: a
   * reconciliation holds every child's totals and resyncs every child, so only staff of the node
   * or above may start or read one; a province's named-customer list is not for national staff.
   */
  function servedTo(op: Operation, role: Role): boolean {
    const principal = PRINCIPALS[role].node;
    if (op.path.startsWith('/api/v1/reconciliations')) return within(nodes[op.tier].spec.code, principal);
    if (op.tier === 'province' && op.path === '/api/v1/analytics/top-customers') return principal !== 'CN';
    return true;
  }

  it('answers 403 to every role lacking the function, and lets every holder past the guard', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      for (const role of ROLES) {
        const holds = reachOfOp(op, role) !== undefined && servedTo(op, role);
        const { url, unknownId } = resolvePath(op.path, worlds.own);
        // Writes carry an empty object: a holder gets past the guard and is stopped by validation.
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
        const target = op.method === 'DELETE' ? url.replace(worlds.own.contactId, randomUUID()) : url;
        const res = await call(op, role, target, body);
        const ok = holds
          ? op.method === 'GET'
            ? res.status === 200 || (unknownId && res.status === 404)
            : ![401, 403].includes(res.status) && res.status < 500
          : res.status === 403;
        if (!ok) wrong.push(`${role} ${op.tier} ${op.method} ${op.path} → ${res.status} (holds: ${holds})`);
      }
    }
    expect(wrong).toEqual([]);
  }, 240_000);

  it('answers 404 for records outside the scope in the path, with a valid body', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations) {
      for (const role of ROLES) {
        if (reachOfOp(op, role) === undefined) continue;
        for (const variant of ['colleague', 'otherCity'] as const) {
          if (covers(op, role, variant)) continue;
          const { url, scoped } = resolvePath(op.path, worlds[variant]);
          if (!scoped) continue;
          const body = op.method === 'GET' ? undefined : validBody(op, worlds[variant]);
          const res = await call(op, role, url, body);
          checked += 1;
          if (res.status !== 404)
            wrong.push(`${role} ${op.method} ${url} (${variant}) → ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  }, 240_000);

  it('finds nothing when a list is filtered by records outside the scope', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      for (const [param, field] of Object.entries(SCOPED_QUERY)) {
        if (!op.queryParams.includes(param)) continue;
        for (const role of ROLES) {
          if (reachOfOp(op, role) === undefined) continue;
          for (const variant of ['colleague', 'otherCity'] as const) {
            if (covers(op, role, variant)) continue;
            const res = await call(op, role, `${op.path}?${param}=${worlds[variant][field]}`);
            checked += 1;
            // Lists say how many matched; a CSV export is empty when it holds only its header.
            const csv = (res.headers.get('content-type') ?? '').includes('text/csv');
            const total = csv
              ? res.text.trim().split('\n').length - 1
              : Number(res.headers.get('x-total-count') ?? 'NaN');
            const empty = res.status === 200 && total === 0;
            if (!empty && ![400, 404].includes(res.status)) {
              wrong.push(`${role} ${op.path}?${param} (${variant}) → ${res.status}, total ${total}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  }, 240_000);

  it('refuses writes that name records outside the scope in the body, and writes nothing', async () => {
    const before = await fed.count('440300', 'SELECT count(*) AS n FROM audit_entry');
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations.filter(
      (o) => o.tier === 'city' && BODY_REFERENCES.has(`${o.method} ${o.path}`),
    )) {
      for (const role of ROLES) {
        if (reachOfOp(op, role) === undefined) continue;
        for (const variant of ['colleague', 'otherCity'] as const) {
          if (covers(op, role, variant)) continue;
          const res = await call(op, role, op.path, validBody(op, worlds[variant]));
          checked += 1;
          if (![400, 403, 404].includes(res.status))
            wrong.push(
              `${role} ${op.method} ${op.path} (${variant}) → ${res.status} ${res.text.slice(0, 160)}`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(BODY_REFERENCES.size);
    expect(await fed.count('440300', 'SELECT count(*) AS n FROM audit_entry')).toBe(before);
  }, 240_000);

  it("refuses a sibling city's token on every endpoint of a city, whatever its roles", async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.tier === 'city')) {
      const { url } = resolvePath(op.path, worlds.own);
      for (const role of ['city_admin', 'account_manager'] as const) {
        const res = await call(op, role, url, op.method === 'GET' ? undefined : {}, '440100');
        if (res.status !== 403) wrong.push(`${role}@440100 ${op.method} ${op.path} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('answers a fuzz of malformed bodies on every write with a 4xx naming the field, and writes nothing', async () => {
    const admins: Record<Operation['tier'], Role[]> = {
      city: ['city_admin'],
      province: ['province_admin', 'node_admin'],
      national: ['hq_admin', 'node_admin'],
    };
    const audits = () =>
      Promise.all(
        ['CN', '440000', '440300'].map((c) => fed.count(c, 'SELECT count(*) AS n FROM audit_entry')),
      );
    const before = await audits();
    const wrong: string[] = [];
    let sent = 0;
    const wrongValues = (type: string): unknown[] =>
      type === 'string'
        ? [12345, true, { nested: 'x' }, ['a'], 'x'.repeat(20_000)]
        : type === 'integer' || type === 'number'
          ? ['12', 1e300, -1, 1.5, { n: 1 }]
          : type === 'array'
            ? ['x', { a: 1 }, Array(200).fill('x'), [{ deep: [1] }]]
            : type === 'boolean'
              ? ['true', 1]
              : ['x', [1]];
    for (const op of operations.filter((o) => o.method !== 'GET' && o.method !== 'DELETE')) {
      const role = admins[op.tier].find((r) => reachOfOp(op, r) !== undefined);
      if (!role) continue;
      // Bodies addressed at a colleague's record go through validation before any lookup.
      const { url } = resolvePath(op.path, worlds.colleague);
      const bodies: { body: unknown; field?: string }[] = [
        { body: [] },
        { body: 'text' },
        { body: 42 },
        { body: { unexpected: 1 }, field: 'unexpected' },
      ];
      for (const [name, type] of Object.entries(op.bodyProperties)) {
        for (const value of wrongValues(type)) bodies.push({ body: { [name]: value }, field: name });
      }
      for (const { body, field } of bodies) {
        const res = await call(op, role, url, body);
        sent += 1;
        const named =
          field === undefined ||
          (res.body as { errors?: { field: string }[] }).errors?.some(
            (e) => e.field === field || e.field.startsWith(`${field}.`),
          );
        if (res.status < 400 || res.status >= 500 || (res.status === 400 && !named)) {
          wrong.push(
            `${role} ${op.method} ${op.path} ${JSON.stringify(body).slice(0, 60)} → ${res.status} ${res.text.slice(0, 100)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(sent).toBeGreaterThan(200);
    expect(await audits()).toEqual(before);
  }, 240_000);

  it('refuses roles on a token of the wrong tier', async () => {
    for (const [role, node] of [
      ['city_admin', 'CN'],
      ['account_manager', '440000'],
      ['province_admin', '440300'],
    ] as const) {
      const res = await nodes.city.request('GET', '/api/v1/customers', {
        token: await tokenFor({ roles: role, node }),
      });
      expect([role, node, res.status]).toEqual([role, node, 403]);
    }
  });

  it("shows a city's admin at its province only what its own city did there", async () => {
    const provinceAdmin = await tokenFor({ roles: 'province_admin', node: '440000' });
    for (const cityCode of ['440300', '440100']) {
      const res = await nodes.province.request('POST', '/api/v1/customer-resyncs', {
        token: provinceAdmin,
        body: { cityCode },
      });
      expect(res.status).toBe(202);
    }
    const all = await nodes.province.request<unknown[]>('GET', '/api/v1/audit-entries', {
      token: provinceAdmin,
    });
    expect(all.body.length).toBeGreaterThanOrEqual(2);
    const cityAdmin = await tokenFor({ roles: 'city_admin', node: '440300' });
    const own = await nodes.province.request<unknown[]>('GET', '/api/v1/audit-entries', { token: cityAdmin });
    expect(own.status).toBe(200);
    expect(own.body).toEqual([]);
  });

  it('refuses control characters in any text field and malformed instants, naming the field', async () => {
    const admin = await tokenFor({ roles: 'city_admin', node: '440300' });
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/customers', customerBody({ name: 'bad\u0000name' }), 'name'],
      ['POST', '/api/v1/customers', customerBody({ address: 'a\u0007b' }), 'address'],
      ['POST', '/api/v1/tasks', { title: 'x\u0000', dueAt: new Date().toISOString() }, 'title'],
      ['PATCH', `/api/v1/service-agreements/${worlds.own.agreementId}`, { title: 'x\u0000' }, 'title'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await nodes.city.request<{ errors?: { field: string }[] }>(method, path, {
        token: admin,
        body,
      });
      expect([path, res.status, res.body.errors?.map((e) => e.field)]).toEqual([path, 400, [field]]);
    }
    for (const since of ['2024-W01-1', '2024', '2024-01-01T00:00:00+23:00', '2024-13-01T00:00:00Z']) {
      const res = await nodes.city.request<{ errors?: { field: string }[] }>(
        'GET',
        `/api/v1/audit-entries?since=${encodeURIComponent(since)}`,
        { token: admin },
      );
      expect([since, res.status, res.body.errors?.[0]?.field]).toEqual([since, 400, 'since']);
    }
  });

  it('answers 401 without a token, with a bad signature, or once expired', async () => {
    const op = operations.find(
      (o) => o.tier === 'city' && o.method === 'GET' && o.path === '/api/v1/customers',
    )!;
    const forged = (await tokenFor({ roles: 'city_admin', node: '440300' })).replace(/.{4}$/, 'AAAA');
    const expired = await signRaw(
      { subject: 'x', roles: ['city_admin'], node: '440300' },
      { ttlSeconds: -120 },
    );
    for (const token of [null, 'not-a-jwt', forged, expired]) {
      const res = await nodes.city.request('GET', op.path, { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

/** A one-stop circuit order between two Zhejiang cities, priced by contract. */
function aCircuitOrder(customerId: string): Record<string, unknown> {
  const end = (nodeCode: string) => ({
    nodeCode,
    siteAddress: '杭州市滨江区网商路1号',
    contactName: '赵工',
    contactPhone: '13700137000',
  });
  return {
    customerId,
    product: 'mpls_vpn',
    bandwidthMbps: 50,
    aEnd: end('330100'),
    zEnd: end('330200'),
    requestedCompletionDate: shanghaiDay(30),
    oneTimeChargeFen: '0',
    monthlyChargeFen: '800000',
  };
}
