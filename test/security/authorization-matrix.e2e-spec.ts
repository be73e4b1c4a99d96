import { randomUUID } from 'node:crypto';
import { type Permission, reachOf, ROLES, type Role } from '@kaf/auth';
import {
  aCustomerOf,
  aSalesTeam,
  anAgreement,
  type Manager,
  shanghaiDay,
} from '../agreements/sales-builders';
import { signRaw, tokenFor } from '../support/auth';
import { creditCode, customerBody, residentIdNumber } from '../support/builders';
import { FederationFixture, kafkaClient } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, type NodeProcess } from '../support/node-process';
import { anEvent, billingMonth } from '../support/usage-events';
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
  billingAccountId: string;
  ticketId: string;
  cityCode: string;
}

type Variant = 'own' | 'colleague' | 'otherCity';

const PRINCIPALS: Record<Role, { node: string }> = {
  account_manager: { node: '440300' },
  city_admin: { node: '440300' },
  service_desk: { node: '440300' },
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
  'billing-accounts': 'billingAccountId',
  'trouble-tickets': 'ticketId',
};

/**
 * The audit entries ([action, resource type]) each write leaves at the node that serves it, by
 * `METHOD path` with its parameters blanked. A write that succeeds must leave at least one of
 * them and nothing else; a refused one leaves none. A write missing here fails the matrix.
 */
const AUDITED: Record<string, [string, string][]> = {
  'POST /api/v1/customers': [['customer.create', 'customer']],
  'PATCH /api/v1/customers/{}': [['customer.update', 'customer']],
  'POST /api/v1/customers/{}/status-changes': [['customer.status-change', 'customer']],
  'PUT /api/v1/customers/{}/group': [['customer.group-join', 'customer']],
  'DELETE /api/v1/customers/{}/group': [['customer.group-leave', 'customer']],
  'PUT /api/v1/customers/{}/manager': [['customer.assign', 'customer']],
  'POST /api/v1/portfolio-transfers': [['customer.transfer', 'customer']],
  'POST /api/v1/customer-imports': [['customer.import', 'customer']],
  'POST /api/v1/customer-resyncs': [['customer.resync-request', 'customer-resync']],
  'POST /api/v1/customers/{}/contacts': [['contact.create', 'customer_contact']],
  'PATCH /api/v1/customers/{}/contacts/{}': [['contact.update', 'customer_contact']],
  'DELETE /api/v1/customers/{}/contacts/{}': [['contact.delete', 'customer_contact']],
  'POST /api/v1/customers/{}/billing-accounts': [['billing-account.create', 'billing_account']],
  'PATCH /api/v1/customers/{}/billing-accounts/{}': [['billing-account.update', 'billing_account']],
  'POST /api/v1/customers/{}/billing-accounts/{}/transfers': [
    ['billing-account.transfer', 'billing_account'],
  ],
  'POST /api/v1/billing-accounts/imports': [['billing-account.import', 'billing_account']],
  'POST /api/v1/account-managers': [['account_manager.create', 'account_manager']],
  'PATCH /api/v1/account-managers/{}': [['account_manager.update', 'account_manager']],
  'POST /api/v1/service-agreements': [['agreement.create', 'service-agreement']],
  'PATCH /api/v1/service-agreements/{}': [['agreement.update', 'service-agreement']],
  'POST /api/v1/visits': [
    ['visit.create', 'visit'],
    ['task.create', 'task'],
  ],
  'POST /api/v1/tasks': [['task.create', 'task']],
  'PATCH /api/v1/tasks/{}': [['task.update', 'task']],
  'POST /api/v1/group-customers': [['group-customer.create', 'group-customer']],
  'PATCH /api/v1/group-customers/{}': [
    ['group-customer.update', 'group-customer'],
    ['group-customer.dissolve', 'group-customer'],
  ],
  'POST /api/v1/circuit-orders': [['circuit-order.create', 'circuit-order']],
  'POST /api/v1/circuit-orders/{}/cancel': [['circuit-order.cancel', 'circuit-order']],
  'POST /api/v1/circuit-orders/{}/hold': [['circuit-order.hold', 'circuit-order']],
  'POST /api/v1/circuit-orders/{}/resume': [['circuit-order.resume', 'circuit-order']],
  'POST /api/v1/circuit-quotes': [['circuit-quote.create', 'circuit-quote']],
  'POST /api/v1/circuit-quotes/{}/accept': [['circuit-quote.accept', 'circuit-quote']],
  'PUT /api/v1/circuit-tariffs/{}': [['circuit-tariff.update', 'circuit-tariff']],
  ...Object.fromEntries(
    ['accept', 'reject', 'start', 'pending', 'resume', 'complete', 'fail'].map((a) => [
      `POST /api/v1/work-orders/{}/${a}`,
      [[`work-order.${a}`, 'work-order']],
    ]),
  ),
  ...Object.fromEntries(
    [
      ['found', 'found'],
      ['not-found', 'notFound'],
      ['restored', 'restored'],
    ].map(([path, a]) => [`POST /api/v1/work-orders/{}/${path}`, [[`work-order.${a}`, 'work-order']]]),
  ),
  'POST /api/v1/coordinated-orders/{}/segments/{}/redispatch': [
    ['coordinated-order.redispatch', 'coordinated-order'],
  ],
  'POST /api/v1/coordinated-orders/{}/cancel': [['coordinated-order.cancel', 'coordinated-order']],
  'POST /api/v1/settlement-runs': [['settlement-run.create', 'settlement-run']],
  'POST /api/v1/trouble-tickets': [['trouble-ticket.create', 'trouble_ticket']],
  'PATCH /api/v1/trouble-tickets/{}': [['trouble-ticket.update', 'trouble_ticket']],
  'POST /api/v1/trouble-tickets/{}/notes': [['trouble-ticket.note', 'trouble_ticket']],
  'POST /api/v1/trouble-tickets/{}/merge': [['trouble-ticket.merge', 'trouble_ticket']],
  'POST /api/v1/trouble-tickets/{}/return-visit': [['trouble-ticket.return-visit', 'trouble_ticket']],
  'POST /api/v1/escalations/{}/acknowledgement': [['escalation.acknowledge', 'escalation']],
  'POST /api/v1/reconciliations': [['reconciliation.run', 'reconciliation']],
  // Booked at a city; routed to its account's city at a province.
  'POST /api/v1/usage-batches': [
    ['usage-batch.book', 'usage-batch'],
    ['usage-batch.route', 'usage-batch'],
  ],
  'POST /api/v1/bill-batches': [
    ['bill-batch.book', 'bill-batch'],
    ['bill-batch.route', 'bill-batch'],
  ],
  'POST /api/v1/payment-batches': [
    ['payment-batch.book', 'payment-batch'],
    ['payment-batch.route', 'payment-batch'],
  ],
  'POST /api/v1/usage-parked-events/{}/replay': [['usage-parked-event.replay', 'usage-parked-event']],
  'POST /api/v1/federation/probes': [['probe-batch.create', 'probe-batch']],
  'POST /api/v1/messaging/dead-letters/{}/replay': [['dead-letter.replay', 'dead-letter']],
  // The national policy at CN; a province's own policy for its cities at the province.
  'PUT /api/v1/billing-policy': [
    ['billing-policy.update', 'billing-policy'],
    ['billing-policy.override', 'billing-policy'],
  ],
  'DELETE /api/v1/billing-policy': [['billing-policy.withdraw', 'billing-policy']],
  'PUT /api/v1/one-stop-policy': [['one-stop-policy.update', 'one-stop-policy']],
  // The same way: CN's service policy, a province's own for its cities; the calendar at CN only.
  'PUT /api/v1/service-policy': [
    ['service-policy.update', 'service-policy'],
    ['service-policy.override', 'service-policy'],
  ],
  'DELETE /api/v1/service-policy': [['service-policy.withdraw', 'service-policy']],
  'PUT /api/v1/working-calendar': [['working-calendar.update', 'working-calendar']],
  'POST /api/v1/group-customers/resync': [['document.resync', 'document']],
  'POST /api/v1/documents/{}/resync': [['document.resync', 'document']],
};

/**
 * Writes that succeed only after a cross-node exchange this matrix does not stage (a work order
 * sent by another city, an escalated order, a quote priced by both ends); their suites make them
 * succeed and check the entry. Any of them that does succeed here is checked all the same.
 */
const SUCCEEDS_IN_OWN_SUITE: Record<string, string> = {
  ...Object.fromEntries(
    ['accept', 'reject', 'start', 'pending', 'resume', 'complete', 'fail'].map((a) => [
      `POST /api/v1/work-orders/{}/${a}`,
      'test/one-stop/work-orders.e2e-spec.ts',
    ]),
  ),
  ...Object.fromEntries(
    ['found', 'not-found', 'restored'].map((a) => [
      `POST /api/v1/work-orders/{}/${a}`,
      'test/service-assurance/fault-checks.e2e-spec.ts',
    ]),
  ),
  'POST /api/v1/coordinated-orders/{}/segments/{}/redispatch': 'test/one-stop/coordination.e2e-spec.ts',
  'POST /api/v1/coordinated-orders/{}/cancel': 'test/one-stop/coordination.e2e-spec.ts',
  'POST /api/v1/circuit-quotes/{}/accept': 'test/one-stop/circuit-quotes.e2e-spec.ts',
  'POST /api/v1/escalations/{}/acknowledgement': 'test/service-assurance/escalations.cases.ts',
};

/**
 * Writes that answer 200 and change nothing when there is nothing to change (an empty patch, leaving
 * a group one is not in, the terms in force again), and so write no entry. Where the matrix makes
 * them change something, their entry is required like any other.
 */
const MAY_CHANGE_NOTHING = new Set([
  'PATCH /api/v1/group-customers/{}',
  'DELETE /api/v1/customers/{}/group',
  'PUT /api/v1/circuit-tariffs/{}',
  'PATCH /api/v1/customers/{}/billing-accounts/{}',
  'PATCH /api/v1/trouble-tickets/{}',
]);

/** A billing account body with a fresh number. */
const aBillingAccount = () => ({
  source: 'boss-billing',
  accountNumber: `M-${randomUUID().slice(0, 12)}`,
  openedOn: '2026-01-01',
});

/** `METHOD path` with the path's parameters blanked, e.g. `PATCH /api/v1/customers/{}`. */
const writeKey = (op: Pick<Operation, 'method' | 'path'>) =>
  `${op.method} ${op.path.replace(/\{\w+\}/g, '{}')}`;

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
  /** Writes that succeeded somewhere in the matrix, and what their audit entries got wrong. */
  const succeeded = new Set<string>();
  const auditWrong: string[] = [];

  beforeAll(async () => {
    nodes.national = await fed.addNode('CN', 'national');
    // One attempt per inbound message: a probe sent to be rejected is dead-lettered at once, to be replayed.
    nodes.province = await fed.addNode('440000', 'province', { INBOX_MAX_ATTEMPTS: '1' });
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
  }, BOOT_BUDGET_MS + 120_000);

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
    const billingAccount = await node.request<{ id: string }>(
      'POST',
      `/api/v1/customers/${customerId}/billing-accounts`,
      { token: admin, body: aBillingAccount() },
    );
    // Both ends in Zhejiang, whose nodes do not run here: the order's messages wait on their topics.
    const circuitOrder = await node.request<{ id: string }>('POST', '/api/v1/circuit-orders', {
      token: admin,
      body: aCircuitOrder(customerId),
    });
    const ticket = await node.request<{ id: string }>('POST', '/api/v1/trouble-tickets', {
      token: admin,
      body: aTicket(customerId),
    });
    for (const r of [contact, agreement, task, circuitOrder, billingAccount, ticket]) {
      if (r.status !== 201) throw new Error(`seed failed: ${r.status} ${r.text}`);
    }
    return {
      customerId,
      contactId: contact.body.id,
      managerId: manager.id,
      agreementId: agreement.body.id,
      taskId: task.body.id,
      circuitOrderId: circuitOrder.body.id,
      billingAccountId: billingAccount.body.id,
      ticketId: ticket.body.id,
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
    const key = writeKey(op);
    const bodies: Record<string, unknown> = {
      'PATCH /api/v1/customers/{}': { grade: 'B' },
      'POST /api/v1/customers/{}/status-changes': { status: 'active' },
      'PUT /api/v1/customers/{}/group': { groupCode },
      'DELETE /api/v1/customers/{}/group': undefined,
      'PUT /api/v1/customers/{}/manager': { managerId: worlds.own.managerId, reason: 'matrix' },
      'POST /api/v1/customers/{}/contacts': { name: '李四', mobile: '13900139000', role: '财务' },
      'PATCH /api/v1/customers/{}/contacts/{}': { role: '董事长' },
      'DELETE /api/v1/customers/{}/contacts/{}': undefined,
      'POST /api/v1/customers/{}/billing-accounts': aBillingAccount(),
      'PATCH /api/v1/customers/{}/billing-accounts/{}': { closedOn: '2026-12-31' },
      'POST /api/v1/customers/{}/billing-accounts/{}/transfers': {
        toCustomerId: world.customerId,
        fromMonth: '2027-01',
      },
      'PATCH /api/v1/account-managers/{}': { name: '改名' },
      'PATCH /api/v1/service-agreements/{}': { title: '改名' },
      'PATCH /api/v1/tasks/{}': { title: '改名' },
      'POST /api/v1/circuit-orders/{}/cancel': { reason: 'matrix' },
      'POST /api/v1/circuit-orders/{}/hold': { reason: 'matrix' },
      'POST /api/v1/circuit-orders/{}/resume': undefined,
      'PATCH /api/v1/trouble-tickets/{}': { severity: 'critical' },
      'POST /api/v1/trouble-tickets/{}/notes': { text: '矩阵' },
      'POST /api/v1/trouble-tickets/{}/merge': { duplicateIds: [world.ticketId] },
      'POST /api/v1/trouble-tickets/{}/return-visit': { satisfaction: 5, confirmed: true },
      'POST /api/v1/trouble-tickets': aTicket(world.customerId),
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
    'POST /api/v1/trouble-tickets',
  ]);

  /**
   * Calls `op` as `role`; a write is then checked against the node's audit log, found by the
   * call's own correlation id: the declared entry when it succeeded, nothing when refused.
   */
  async function call(
    op: Operation,
    role: Role,
    url: string,
    body?: unknown,
    { tokenNode, csv, changes = false }: { tokenNode?: string; csv?: string; changes?: boolean } = {},
  ) {
    const token = await tokenFor({
      roles: role,
      node: tokenNode ?? PRINCIPALS[role].node,
      ...(role === 'account_manager' ? { subject: me.staffId } : {}),
    });
    const correlationId = `matrix-${randomUUID()}`;
    const res = await nodes[op.tier].request(op.method, url, {
      token,
      headers: {
        'x-correlation-id': correlationId,
        ...(csv === undefined ? {} : { 'content-type': 'text/csv' }),
      },
      ...(csv === undefined ? {} : { rawBody: csv }),
      ...(body === undefined ? {} : { body }),
    });
    if (op.method !== 'GET') {
      await checkAudit(op, res.status, correlationId, `${role} ${op.tier} ${op.method} ${url}`, changes);
    }
    return res;
  }

  /** `changes`: the caller makes the write change something, so even a write that may change nothing owes its entry. */
  async function checkAudit(
    op: Operation,
    status: number,
    correlationId: string,
    call: string,
    changes: boolean,
  ) {
    const entries = await fed.sql<{ action: string; resource_type: string }>(
      nodes[op.tier].spec.code,
      'SELECT action, resource_type FROM audit_entry WHERE correlation_id = $1',
      [correlationId],
    );
    const left = entries.map((e) => `${e.action}/${e.resource_type}`);
    if (status >= 300) {
      if (entries.length > 0) auditWrong.push(`${call} → ${status}, refused, yet audited ${left.join(', ')}`);
      return;
    }
    const key = writeKey(op);
    succeeded.add(key);
    const expected = AUDITED[key];
    if (!expected) return; // undeclared: the declaration test names it
    const declared = (e: { action: string; resource_type: string }) =>
      expected.some(([action, type]) => action === e.action && type === e.resource_type);
    if (entries.length === 0 && MAY_CHANGE_NOTHING.has(key) && !changes) return;
    if (entries.length === 0 || !entries.every(declared)) {
      auditWrong.push(
        `${call} → ${status}, audited [${left.join(', ')}], expected ${JSON.stringify(expected)}`,
      );
    }
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

  it('declares the audit entry of every write of every tier', () => {
    const writes = new Set(operations.filter((o) => o.method !== 'GET').map(writeKey));
    const undeclared = [...writes].filter((k) => !(k in AUDITED));
    expect(undeclared).toEqual([]);
    // And nothing declared for a write that no longer exists.
    const stale = Object.keys(AUDITED).filter((k) => !writes.has(k));
    expect(stale).toEqual([]);
    expect(Object.keys(SUCCEEDS_IN_OWN_SUITE).filter((k) => !(k in AUDITED))).toEqual([]);
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
    // A billing system's token is taken by the node it names only (a city's doors, or its province's).
    if (role === 'billing_system') return nodes[op.tier].spec.code === principal;
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
        const res = await call(op, role, url, op.method === 'GET' ? undefined : {}, { tokenNode: '440100' });
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
  }, 360_000);

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

  /**
   * Makes every write succeed once for a holder of its function, on records of its own (it runs
   * last: it moves a colleague's portfolio), so `call` checks the entry each one leaves.
   */
  it('makes every write succeed once for a holder of its function', async () => {
    const failed: string[] = [];
    const ok = async <T = Record<string, string>>(
      tier: Operation['tier'],
      key: string,
      role: Role,
      url: string,
      body?: unknown,
      csv?: string,
    ): Promise<T> => {
      const op = operations.find((o) => o.tier === tier && writeKey(o) === key);
      if (!op) throw new Error(`${key} is not served at the ${tier} node`);
      const res = await call(op, role, url, body, { csv, changes: true });
      if (res.status >= 300) failed.push(`${role} ${tier} ${key} → ${res.status} ${res.text.slice(0, 160)}`);
      return res.body as T;
    };
    const cityAdmin = await tokenFor({ roles: 'city_admin', node: '440300' });
    const colleague = worlds.colleague.managerId;

    const customer = (
      await ok('city', 'POST /api/v1/customers', 'city_admin', '/api/v1/customers', {
        ...customerBody({ managerId: worlds.own.managerId, creditCode: creditCode('440300') }),
      })
    ).id!;
    const at = `/api/v1/customers/${customer}`;
    await ok('city', 'PATCH /api/v1/customers/{}', 'city_admin', at, { grade: 'B' });
    await ok('city', 'POST /api/v1/customers/{}/status-changes', 'city_admin', `${at}/status-changes`, {
      status: 'active',
      reason: 'matrix',
    });
    await waitFor(
      `group ${groupCode} at the city`,
      () => nodes.city.request('GET', `/api/v1/group-customers/${groupCode}`, { token: cityAdmin }),
      (r) => r.status === 200,
    );
    await ok('city', 'PUT /api/v1/customers/{}/group', 'city_admin', `${at}/group`, { groupCode });
    await ok('city', 'DELETE /api/v1/customers/{}/group', 'city_admin', `${at}/group`);
    await ok('city', 'PUT /api/v1/customers/{}/manager', 'city_admin', `${at}/manager`, {
      managerId: colleague,
      reason: 'matrix',
    });
    const contact = (
      await ok('city', 'POST /api/v1/customers/{}/contacts', 'city_admin', `${at}/contacts`, {
        name: '王五',
        mobile: '13600136000',
        role: '采购',
      })
    ).id!;
    const contactAt = `${at}/contacts/${contact}`;
    await ok('city', 'PATCH /api/v1/customers/{}/contacts/{}', 'city_admin', contactAt, { role: '董事长' });
    await ok('city', 'DELETE /api/v1/customers/{}/contacts/{}', 'city_admin', contactAt);
    const manager = (
      await ok('city', 'POST /api/v1/account-managers', 'city_admin', '/api/v1/account-managers', {
        staffId: `EM${randomUUID().slice(0, 8)}`,
        name: '矩阵经理',
        title: 'chief',
      })
    ).id!;
    await ok(
      'city',
      'PATCH /api/v1/account-managers/{}',
      'city_admin',
      `/api/v1/account-managers/${manager}`,
      {
        name: '改名',
      },
    );
    const agreement = (
      await ok(
        'city',
        'POST /api/v1/service-agreements',
        'city_admin',
        '/api/v1/service-agreements',
        anAgreement(customer, { agreementNo: `W-${randomUUID().slice(0, 8).toUpperCase()}` }),
      )
    ).id!;
    await ok(
      'city',
      'PATCH /api/v1/service-agreements/{}',
      'city_admin',
      `/api/v1/service-agreements/${agreement}`,
      { title: '改名' },
    );
    await ok('city', 'POST /api/v1/visits', 'city_admin', '/api/v1/visits', {
      customerId: customer,
      visitedAt: new Date().toISOString(),
      channel: 'phone',
      summary: '电话回访',
    });
    const task = (
      await ok('city', 'POST /api/v1/tasks', 'city_admin', '/api/v1/tasks', {
        title: '跟进',
        dueAt: `${shanghaiDay(3)}T09:00:00+08:00`,
        customerId: customer,
      })
    ).id!;
    await ok('city', 'PATCH /api/v1/tasks/{}', 'city_admin', `/api/v1/tasks/${task}`, { title: '改名' });
    await ok(
      'city',
      'POST /api/v1/customer-imports',
      'city_admin',
      '/api/v1/customer-imports',
      undefined,
      'name,creditCode,industry,grade,classes,gridCode,address,managerStaffId\n' +
        `矩阵导入企业有限公司,${creditCode('440300')},I,A,strategic,FT-01,深圳市福田区深南大道2号,${me.staffId}`,
    );
    const account = (
      await ok(
        'city',
        'POST /api/v1/customers/{}/billing-accounts',
        'city_admin',
        `${at}/billing-accounts`,
        aBillingAccount(),
      )
    ).id!;
    await ok(
      'city',
      'PATCH /api/v1/customers/{}/billing-accounts/{}',
      'city_admin',
      `${at}/billing-accounts/${account}`,
      {
        closedOn: '2027-12-31',
      },
    );
    await ok(
      'city',
      'POST /api/v1/customers/{}/billing-accounts/{}/transfers',
      'city_admin',
      `${at}/billing-accounts/${account}/transfers`,
      { toCustomerId: worlds.own.customerId, fromMonth: '2027-03' },
    );
    await ok(
      'city',
      'POST /api/v1/billing-accounts/imports',
      'city_admin',
      '/api/v1/billing-accounts/imports',
      undefined,
      `customer_id,source,account_number,opened_on\n${customer},boss-billing,${aBillingAccount().accountNumber},2026-01-01`,
    );
    const order = (
      await ok(
        'city',
        'POST /api/v1/circuit-orders',
        'city_admin',
        '/api/v1/circuit-orders',
        aCircuitOrder(customer),
      )
    ).id!;
    const orderAt = `/api/v1/circuit-orders/${order}`;
    await ok('city', 'POST /api/v1/circuit-orders/{}/hold', 'city_admin', `${orderAt}/hold`, {
      reason: 'matrix',
    });
    await ok('city', 'POST /api/v1/circuit-orders/{}/resume', 'city_admin', `${orderAt}/resume`);
    await ok('city', 'POST /api/v1/circuit-orders/{}/cancel', 'city_admin', `${orderAt}/cancel`, {
      reason: 'matrix',
    });
    await ok('city', 'PUT /api/v1/circuit-tariffs/{}', 'city_admin', '/api/v1/circuit-tariffs/mpls_vpn', {
      oneTimeFen: '500000',
      monthlyBaseFen: '200000',
      monthlyPerMbpsFen: '3000',
      maxBandwidthMbps: 10_000,
    });
    await ok('city', 'POST /api/v1/circuit-quotes', 'city_admin', '/api/v1/circuit-quotes', {
      customerId: customer,
      product: 'mpls_vpn',
      bandwidthMbps: 100,
      aEndNodeCode: '440300',
      zEndNodeCode: '440100',
    });
    const ticket = (
      await ok(
        'city',
        'POST /api/v1/trouble-tickets',
        'service_desk',
        '/api/v1/trouble-tickets',
        aTicket(customer),
      )
    ).id!;
    const duplicate = (
      await ok(
        'city',
        'POST /api/v1/trouble-tickets',
        'service_desk',
        '/api/v1/trouble-tickets',
        aTicket(customer),
      )
    ).id!;
    const ticketAt = `/api/v1/trouble-tickets/${ticket}`;
    await ok('city', 'POST /api/v1/trouble-tickets/{}/notes', 'service_desk', `${ticketAt}/notes`, {
      text: '矩阵',
    });
    await ok('city', 'POST /api/v1/trouble-tickets/{}/merge', 'service_desk', `${ticketAt}/merge`, {
      duplicateIds: [duplicate],
    });
    await ok('city', 'PATCH /api/v1/trouble-tickets/{}', 'service_desk', ticketAt, { status: 'resolved' });
    await ok(
      'city',
      'POST /api/v1/trouble-tickets/{}/return-visit',
      'service_desk',
      `${ticketAt}/return-visit`,
      {
        satisfaction: 4,
        confirmed: true,
      },
    );
    await ok('city', 'POST /api/v1/usage-batches', 'billing_system', '/api/v1/usage-batches', {
      events: [anEvent(customer), anEvent(randomUUID())],
    });
    // An account the city does not hold: each event is answered rejected, and the batch is audited.
    await ok('city', 'POST /api/v1/bill-batches', 'billing_system', '/api/v1/bill-batches', {
      events: [
        {
          eventId: `M-B-${randomUUID()}`,
          billingAccount: 'MATRIX-0',
          billingMonth: '2026-01',
          amountDueFen: '100',
          dueDate: '2026-02-20',
        },
      ],
    });
    await ok('city', 'POST /api/v1/payment-batches', 'billing_system', '/api/v1/payment-batches', {
      events: [
        {
          eventId: `M-P-${randomUUID()}`,
          billingAccount: 'MATRIX-0',
          amountFen: '100',
          paidOn: '2026-02-10',
        },
      ],
    });
    // A message the Kafka door cannot read is parked; its replay is refused again, and audited.
    const producer = kafkaClient().producer();
    await producer.connect();
    await producer.send({
      topic: `${fed.namespace}.440300.billing-usage`,
      messages: [{ key: 'matrix', value: 'not json' }],
    });
    await producer.disconnect();
    const [parked] = await waitFor(
      'a parked usage event',
      async () =>
        (
          await nodes.city.request<{ id: string }[]>('GET', '/api/v1/usage-parked-events?replayed=false', {
            token: cityAdmin,
          })
        ).body,
      (l) => l.length > 0,
    );
    await ok(
      'city',
      'POST /api/v1/usage-parked-events/{}/replay',
      'city_admin',
      `/api/v1/usage-parked-events/${parked!.id}/replay`,
    );
    await ok('city', 'POST /api/v1/portfolio-transfers', 'city_admin', '/api/v1/portfolio-transfers', {
      fromManagerId: colleague,
      toManagerId: worlds.own.managerId,
      reason: 'matrix',
    });
    // Sent to be rejected: the province dead-letters it at the first failure.
    await ok('city', 'POST /api/v1/federation/probes', 'node_admin', '/api/v1/federation/probes', {
      target: '440000',
      mode: 'reject',
    });

    const nodeAdmin = await tokenFor({ roles: 'node_admin', node: 'CN' });
    await ok('province', 'POST /api/v1/customer-resyncs', 'province_admin', '/api/v1/customer-resyncs', {
      cityCode: '440300',
    });
    await ok('province', 'POST /api/v1/reconciliations', 'province_admin', '/api/v1/reconciliations', {
      measure: 'usage',
      from: billingMonth(),
      to: billingMonth(),
    });
    const [letter] = await waitFor(
      'a dead letter at the province',
      async () =>
        (
          await nodes.province.request<{ id: string }[]>('GET', '/api/v1/messaging/dead-letters', {
            token: nodeAdmin,
          })
        ).body,
      (l) => l.length > 0,
    );
    await ok(
      'province',
      'POST /api/v1/messaging/dead-letters/{}/replay',
      'node_admin',
      `/api/v1/messaging/dead-letters/${letter!.id}/replay`,
    );

    const group = (
      await ok('national', 'POST /api/v1/group-customers', 'hq_admin', '/api/v1/group-customers', {
        name: '矩阵审计集团',
        creditCode: creditCode('110000'),
        industry: 'I',
        grade: 'A',
      })
    ).groupCode!;
    await ok('national', 'PATCH /api/v1/group-customers/{}', 'hq_admin', `/api/v1/group-customers/${group}`, {
      grade: 'B',
    });
    await ok('national', 'POST /api/v1/settlement-runs', 'hq_admin', '/api/v1/settlement-runs', {
      billingMonth: billingMonth(-1),
    });
    await ok('national', 'PUT /api/v1/billing-policy', 'hq_admin', '/api/v1/billing-policy', {
      highValueMinMonthlyFen: '6000000',
      churnDropPercent: 35,
    });
    // Guangdong's own policy, set and withdrawn: there must be a national one to fall back to.
    const provinceAdmin = await tokenFor({ roles: 'province_admin', node: '440000' });
    await waitFor(
      'the national billing policy at the province',
      () => nodes.province.get<{ source: string }>('/api/v1/billing-policy', provinceAdmin),
      (p) => p.source === 'published',
    );
    await ok('province', 'PUT /api/v1/billing-policy', 'province_admin', '/api/v1/billing-policy', {
      highValueMinMonthlyFen: '4000000',
      churnDropPercent: 30,
    });
    await ok('province', 'DELETE /api/v1/billing-policy', 'province_admin', '/api/v1/billing-policy');
    const oneStopPolicy = await nodes.national.get<Record<string, unknown>>(
      '/api/v1/one-stop-policy',
      await tokenFor({ roles: 'hq_admin', node: 'CN' }),
    );
    await ok('national', 'PUT /api/v1/one-stop-policy', 'hq_admin', '/api/v1/one-stop-policy', {
      slas: oneStopPolicy.slas,
      transitShareBp: 1500,
    });
    const servicePolicy = await nodes.national.get<{ targets: unknown[] }>(
      '/api/v1/service-policy',
      await tokenFor({ roles: 'hq_admin', node: 'CN' }),
    );
    const servicePolicyBody = (returnVisitDays: number) => ({
      targets: servicePolicy.targets,
      returnVisitDays,
      autoCloseDays: 7,
      faultCheckAnswerMinutes: 30,
    });
    await ok(
      'national',
      'PUT /api/v1/service-policy',
      'hq_admin',
      '/api/v1/service-policy',
      servicePolicyBody(4),
    );
    await ok('national', 'PUT /api/v1/working-calendar', 'hq_admin', '/api/v1/working-calendar', {
      year: 2027,
      holidays: ['2027-01-01'],
      makeUpWorkdays: [],
    });
    await waitFor(
      'the national service policy at the province',
      () => nodes.province.get<{ source: string }>('/api/v1/service-policy', provinceAdmin),
      (p) => p.source === 'published',
    );
    await ok(
      'province',
      'PUT /api/v1/service-policy',
      'province_admin',
      '/api/v1/service-policy',
      servicePolicyBody(5),
    );
    await ok('province', 'DELETE /api/v1/service-policy', 'province_admin', '/api/v1/service-policy');
    await ok('city', 'POST /api/v1/group-customers/resync', 'node_admin', '/api/v1/group-customers/resync');
    await ok(
      'province',
      'POST /api/v1/documents/{}/resync',
      'node_admin',
      '/api/v1/documents/billing-policy/resync',
    );
    expect(failed).toEqual([]);
  }, 240_000);

  it('leaves the declared audit entry for every write that succeeded, and none for a refused one', () => {
    expect(auditWrong).toEqual([]);
    const neverSucceeded = Object.keys(AUDITED).filter(
      (k) => !succeeded.has(k) && !(k in SUCCEEDS_IN_OWN_SUITE),
    );
    expect(neverSucceeded).toEqual([]);
  });
});

/** A complaint of the customer, reported by phone by a person who is not a contact. */
function aTicket(customerId: string): Record<string, unknown> {
  return {
    ticketType: 'complaint',
    severity: 'minor',
    name: '账单金额有误',
    description: '客户称本月账单多收费用',
    channel: 'phone',
    customerId,
    reporterName: '钱七',
    reporterPhone: '13700137001',
  };
}

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
