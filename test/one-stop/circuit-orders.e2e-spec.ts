import { CircuitCompletedSchema } from '@kaf/contracts';
import { uuidv7 } from '@kaf/platform';
import { aCustomerOf, aSalesTeam, fieldsOf, type Manager, shanghaiDay } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { inboxPayloads } from '../support/inbox-injection';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { namespaceTopics, readAllRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';
import { anOrder, HOME, HomeCity, type OrderView } from './circuit-orders-support';
import { expectEvery, expectNone } from '../support/expectations';

interface CircuitView {
  orderId: string;
  product: string;
  bandwidthMbps: number;
  aEndNode: string;
  zEndNode: string;
  transitNode: string | null;
  circuitIds: string[];
  monthlyChargeFen: string;
  completionDate: string;
}

/**
 * Circuit orders at a home city (Shenzhen, a real process). The segment nodes and coordinators
 * are played by the suite through the home city's inbox topic, and what the home city sends them
 * is read off theirs: dispatch, the saga's reactions to every kind of status, compensation,
 * cancellation, hold, coordinator requests, and duplicates and reordering changing nothing.
 */
describe('circuit orders at the home city', () => {
  const fed = new FederationFixture();
  let node: NodeProcess;
  let home: HomeCity;
  let admin: string;
  let a: Manager;
  let b: Manager;
  let customerOfA: string;
  let customerOfB: string;

  beforeAll(async () => {
    node = await fed.addNode(HOME, 'city');
    await node.startAndWaitReady();
    admin = await tokenFor({ roles: 'city_admin', node: HOME });
    home = new HomeCity(fed, node, admin);
    ({ a, b } = await aSalesTeam(node));
    customerOfA = await aCustomerOf(node, a);
    customerOfB = await aCustomerOf(node, b);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const orders = () => fed.count(HOME, 'SELECT count(*) AS n FROM circuit_order');
  const completedAtCn = async (orderId: string) =>
    (await inboxPayloads(fed.namespace, 'CN', CircuitCompletedSchema))
      .filter((m) => m.source === HOME && m.payload.orderId === orderId)
      .map((m) => m.payload);

  it('dispatches a cross-province order: both ends to their cities, the transit and the status to CN', async () => {
    const body = anOrder(customerOfA);
    const order = await home.create(body);
    expect(order).toMatchObject({
      state: 'acknowledged',
      customerId: customerOfA,
      transitNode: 'CN',
      coordinator: 'CN',
      monthlyChargeFen: '1200001',
      oneTimeChargeFen: '500000',
      expectedCompletionDate: null,
      completionDate: null,
      version: 1,
    });
    expect(order.segments.map((s) => [s.role, s.nodeCode, s.attempt, s.state])).toEqual([
      ['a_end', '440100', 1, 'dispatched'],
      ['z_end', '330100', 1, 'dispatched'],
      ['transit', 'CN', 1, 'dispatched'],
    ]);
    // Default policy: 15 days for an Ethernet private line's ends, 10 for its transit.
    const days = (s: OrderView['segments'][number]) =>
      Math.round((Date.parse(s.deadline) - Date.now()) / 86_400_000);
    expect(order.segments.map(days)).toEqual([15, 15, 10]);

    const [toA] = await home.workRequests('440100', order.id);
    const [toZ] = await home.workRequests('330100', order.id);
    const [toTransit] = await home.workRequests('CN', order.id);
    expect(toA).toMatchObject({
      segmentId: home.segment(order, 'a_end').id,
      attempt: 1,
      role: 'a_end',
      homeNode: HOME,
      customerId: customerOfA,
      product: 'ethernet_private_line',
      bandwidthMbps: 100,
      aEndNode: '440100',
      zEndNode: '330100',
      requestedDate: body.requestedCompletionDate,
      notes: '机房在3楼',
      site: {
        nodeCode: '440100',
        address: order.aEnd.siteAddress,
        contactName: order.aEnd.contactName,
        contactPhone: '13800138000',
      },
    });
    expect(toZ?.site).toMatchObject({ nodeCode: '330100', contactName: order.zEnd.contactName });
    // The transit goes to the national node: no site, no contact, no free text.
    expect(toTransit).toMatchObject({ role: 'transit', notes: '' });
    expect(toTransit?.site).toBeUndefined();

    const [status] = await home.orderStatuses('CN', order.id);
    expect(status).toMatchObject({
      version: 1n,
      state: 'acknowledged',
      transitNode: 'CN',
      monthlyChargeFen: 1200001n,
    });
    expect(status?.segments.map((s) => s.state)).toEqual(['dispatched', 'dispatched', 'dispatched']);
    for (const province of ['440000', '330000']) {
      expect(await home.orderStatuses(province, order.id)).toEqual([]);
    }

    const history = await home.history(order.id);
    expect(history.map((h) => [h.role, h.fromState, h.toState, h.source])).toEqual([
      [null, null, 'acknowledged', 'api'],
      ['a_end', null, 'dispatched', 'api'],
      ['z_end', null, 'dispatched', 'api'],
      ['transit', null, 'dispatched', 'api'],
    ]);
    const [audit] = await fed.sql<{ after: { aEnd: { contactName: string; contactPhone: string } } }>(
      HOME,
      `SELECT after FROM audit_entry WHERE action = 'circuit-order.create' AND resource_id = $1`,
      [order.id],
    );
    expect(audit?.after.aEnd.contactPhone).toBe('138****8000');
    expect(audit?.after.aEnd.contactName).not.toBe(order.aEnd.contactName);
  });

  it('sends an in-province transit to the province, which coordinates, and a same-city circuit no transit', async () => {
    const inProvince = await home.create(
      anOrder(customerOfA, {
        aEnd: { ...(anOrder(customerOfA).aEnd as object), nodeCode: '330100' },
        zEnd: { ...(anOrder(customerOfA).zEnd as object), nodeCode: '330200' },
      }),
    );
    expect(inProvince).toMatchObject({ transitNode: '330000', coordinator: '330000' });
    expect(await home.workRequests('330000', inProvince.id)).toHaveLength(1);
    expect(await home.workRequests('CN', inProvince.id)).toEqual([]);
    expect((await home.orderStatuses('330000', inProvince.id)).map((s) => s.version)).toEqual([1n]);

    const sameCity = await home.create(
      anOrder(customerOfA, { zEnd: { ...(anOrder(customerOfA).zEnd as object), nodeCode: '440100' } }),
    );
    expect(sameCity).toMatchObject({ transitNode: null, coordinator: '440000' });
    expect(sameCity.segments.map((s) => [s.role, s.nodeCode])).toEqual([
      ['a_end', '440100'],
      ['z_end', '440100'],
    ]);
    const toGuangzhou = await home.workRequests('440100', sameCity.id);
    expect(toGuangzhou.map((w) => w.role).sort()).toEqual(['a_end', 'z_end']);
    expect(await home.workRequests('440000', sameCity.id)).toEqual([]);
    expect(await home.orderStatuses('440000', sameCity.id)).toHaveLength(1);
  });

  it('refuses bad orders naming the field, and writes nothing', async () => {
    const before = await orders();
    const audits = () =>
      fed.count(HOME, `SELECT count(*) AS n FROM audit_entry WHERE resource_type = 'circuit-order'`);
    const auditsBefore = await audits();
    const base = anOrder(customerOfA);
    const end = base.aEnd as Record<string, unknown>;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, customerId: undefined }, 400, 'customerId'],
      [{ ...base, product: 'dark_fibre' }, 400, 'product'],
      [{ ...base, bandwidthMbps: 0 }, 400, 'bandwidthMbps'],
      [{ ...base, bandwidthMbps: 10.5 }, 400, 'bandwidthMbps'],
      [{ ...base, aEnd: undefined }, 400, 'aEnd'],
      [{ ...base, aEnd: 'x' }, 400, 'aEnd'],
      [{ ...base, aEnd: { ...end, nodeCode: 'GZ' } }, 400, 'aEnd.nodeCode'],
      [{ ...base, zEnd: { ...end, contactPhone: 'call me' } }, 400, 'zEnd.contactPhone'],
      [{ ...base, zEnd: { ...end, siteAddress: '' } }, 400, 'zEnd.siteAddress'],
      [{ ...base, requestedCompletionDate: shanghaiDay(-1) }, 400, 'requestedCompletionDate'],
      [{ ...base, requestedCompletionDate: '2026-02-30' }, 400, 'requestedCompletionDate'],
      [{ ...base, monthlyChargeFen: 1200000 }, 400, 'monthlyChargeFen'],
      [{ ...base, monthlyChargeFen: '0' }, 400, 'monthlyChargeFen'],
      [{ ...base, oneTimeChargeFen: '12.50' }, 400, 'oneTimeChargeFen'],
      [{ ...base, monthlyChargeFen: undefined }, 400, 'monthlyChargeFen'],
      [{ ...base, quoteId: '0190a1b2-0000-7000-8000-000000000001' }, 400, 'oneTimeChargeFen'],
      [{ ...base, externalId: 'has space' }, 400, 'externalId'],
      [{ ...base, colour: 'red' }, 400, 'colour'],
      [{ ...base, aEnd: { ...end, nodeCode: '440000' } }, 422, 'aEnd.nodeCode'],
      [{ ...base, zEnd: { ...end, nodeCode: '999900' } }, 422, 'zEnd.nodeCode'],
      [{ ...base, customerId: '0190a1b2-0000-7000-8000-000000000002' }, 404, ''],
    ];
    for (const [body, status, field] of cases) {
      const res = await node.request('POST', '/api/v1/circuit-orders', { token: admin, body });
      expect([field, res.status]).toEqual([field, status]);
      if (field) expect([field, fieldsOf(res.body)]).toEqual([field, expect.arrayContaining([field])]);
    }

    const churned = await aCustomerOf(node, a);
    const churn = await node.request('POST', `/api/v1/customers/${churned}/status-changes`, {
      token: admin,
      body: { status: 'churned', reason: '客户流失' },
    });
    expect(churn.status).toBeLessThan(300);
    const refused = await node.request('POST', '/api/v1/circuit-orders', {
      token: admin,
      body: anOrder(churned),
    });
    expect([refused.status, fieldsOf(refused.body)]).toEqual([422, ['customerId']]);

    expect(await orders()).toBe(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it("keeps account managers to their own customers' orders", async () => {
    const own = await home.create(anOrder(customerOfA), a.token);
    const before = await orders();
    const foreign = await node.request('POST', '/api/v1/circuit-orders', {
      token: a.token,
      body: anOrder(customerOfB),
    });
    expect(foreign.status).toBe(404);
    expect(await orders()).toBe(before);
    const theirs = await home.create(anOrder(customerOfB), b.token);

    expect(
      (await node.request('GET', `/api/v1/circuit-orders/${theirs.id}`, { token: a.token })).status,
    ).toBe(404);
    expect(
      (
        await node.request('POST', `/api/v1/circuit-orders/${theirs.id}/cancel`, {
          token: a.token,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await node.request('GET', `/api/v1/customers/${customerOfB}/circuits`, { token: a.token })).status,
    ).toBe(404);
    const mine = await node.request<{ id: string; customerId: string }[]>(
      'GET',
      '/api/v1/circuit-orders?limit=500',
      {
        token: a.token,
      },
    );
    expectEvery(mine.body, (o) => o.customerId === customerOfA, "orders listed to A, of A's customer");
    expect(mine.body.map((o) => o.id)).toContain(own.id);
    expect(Number(mine.headers.get('x-total-count'))).toBe(mine.body.length);
    const filtered = await node.request<unknown[]>(
      'GET',
      `/api/v1/circuit-orders?customerId=${customerOfB}`,
      {
        token: a.token,
      },
    );
    expect([filtered.status, filtered.headers.get('x-total-count')]).toEqual([200, '0']);
    const all = await node.request<{ id: string }[]>('GET', '/api/v1/circuit-orders?limit=500', {
      token: admin,
    });
    expect(all.body.map((o) => o.id)).toEqual(expect.arrayContaining([own.id, theirs.id]));
    // Both orders stay acknowledged here (nothing answers their segments): the filter finds them.
    const byState = await node.request<{ id: string; state: string }[]>(
      'GET',
      '/api/v1/circuit-orders?state=acknowledged&limit=500',
      { token: admin },
    );
    expect(byState.body.map((o) => o.id)).toEqual(expect.arrayContaining([own.id, theirs.id]));
    expectEvery(byState.body, (o) => o.state === 'acknowledged', 'orders listed for state=acknowledged');
    // ...and another state leaves them out (none may be completed yet: an empty list is right).
    const completed = await node.request<{ id: string }[]>(
      'GET',
      '/api/v1/circuit-orders?state=completed&limit=500',
      { token: admin },
    );
    expect(completed.status).toBe(200);
    expectNone(
      completed.body,
      (o) => o.id === own.id || o.id === theirs.id,
      'acknowledged orders listed for state=completed',
      {
        mayBeEmpty: true,
      },
    );
  });

  it('answers a repeated order with the same externalId with the first one, and refuses other terms under it', async () => {
    const body = anOrder(customerOfA, { externalId: `CRM-${Date.now()}` });
    const first = await node.request<OrderView>('POST', '/api/v1/circuit-orders', { token: admin, body });
    expect(first.status).toBe(201);
    const before = await orders();
    const again = await node.request<OrderView>('POST', '/api/v1/circuit-orders', { token: admin, body });
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    const changed = await node.request('POST', '/api/v1/circuit-orders', {
      token: admin,
      body: { ...body, bandwidthMbps: 200 },
    });
    expect(changed.status).toBe(409);
    // Ten retries at once still make one order.
    const racing = anOrder(customerOfA, { externalId: `CRM-RACE-${Date.now()}` });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        node.request<OrderView>('POST', '/api/v1/circuit-orders', { token: admin, body: racing }),
      ),
    );
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(await orders()).toBe(before + 1);
    expect(await home.workRequests('330100', first.body.id)).toHaveLength(1);
  });

  it('answers retries racing with a quote and an externalId with one order, none refused', async () => {
    const quoteId = uuidv7();
    await fed.sql(
      HOME,
      `INSERT INTO circuit_quote
         (id, city_code, customer_id, product, bandwidth_mbps, a_end_node, z_end_node, state,
          one_time_total_fen, monthly_total_fen, valid_until, requested_by, version)
       VALUES ($1, $2, $3, 'ethernet_private_line', 100, '440100', '330100', 'accepted',
               '700000', '1500000', now() + interval '1 day', 'E440300-001', 1)`,
      [quoteId, HOME, customerOfA],
    );
    const {
      oneTimeChargeFen: _o,
      monthlyChargeFen: _m,
      ...priced
    } = anOrder(customerOfA, {
      externalId: `CRM-QUOTE-${Date.now()}`,
      quoteId,
    });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        node.request<OrderView>('POST', '/api/v1/circuit-orders', { token: admin, body: priced }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    expect(answers[0]!.body.monthlyChargeFen).toBe('1500000');
  });

  it('completes once every segment is done: the circuit on the customer, CircuitCompleted at CN once', async () => {
    const order = await home.create(anOrder(customerOfA));
    await home.status(order, 'a_end', 'acknowledged', 1);
    await home.status(order, 'a_end', 'accepted', 2, { expectedCompletionDate: shanghaiDay(12) });
    const started = await home.waitOrder(order.id, 'in progress', (o) => o.state === 'inProgress');
    expect(started.expectedCompletionDate).toBe(shanghaiDay(12));
    expect(home.segment(started, 'a_end').acknowledgedAt).not.toBeNull();

    await home.completeAll(order);
    const done = await home.waitOrder(order.id, 'completed', (o) => o.state === 'completed');
    expect(done).toMatchObject({ completionDate: shanghaiDay(0), expectedCompletionDate: null });
    expect(done.segments.map((s) => [s.state, s.circuitId])).toEqual([
      ['done', '440100-CIR-a_end'],
      ['done', '330100-CIR-z_end'],
      ['done', 'CN-CIR-transit'],
    ]);
    // Replays of the last statuses, with new message ids, change nothing.
    await home.status(order, 'z_end', 'done', 4, { circuitId: 'OTHER' });
    const replayed = await home.status(order, 'transit', 'inProgress', 3);
    expect(Object.values(await home.inboxOutcomes([replayed]))).toEqual(['handled']);

    const circuits = await node.get<CircuitView[]>(`/api/v1/customers/${customerOfA}/circuits`, admin);
    expect(circuits.filter((c) => c.orderId === order.id)).toEqual([
      expect.objectContaining({
        product: 'ethernet_private_line',
        bandwidthMbps: 100,
        aEndNode: '440100',
        zEndNode: '330100',
        transitNode: 'CN',
        circuitIds: ['a_end=440100-CIR-a_end', 'z_end=330100-CIR-z_end', 'transit=CN-CIR-transit'],
        monthlyChargeFen: '1200001',
        completionDate: shanghaiDay(0),
      }),
    ]);
    await home.drained();
    const completed = await completedAtCn(order.id);
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      monthlyChargeFen: 1200001n,
      oneTimeChargeFen: 500000n,
      transitNode: 'CN',
    });
    expect((await home.order(order.id)).version).toBe(done.version);

    const orderStates = (await home.history(order.id))
      .filter((h) => h.segmentId === null)
      .map((h) => h.toState);
    expect(orderStates).toEqual(['acknowledged', 'inProgress', 'completed']);
    const statuses = await home.orderStatuses('CN', order.id);
    expect(statuses.at(-1)).toMatchObject({ state: 'completed', version: BigInt(done.version) });
  });

  it('fails the order when the Z-end is rejected after its check, and cancels the A-end and the transit', async () => {
    const order = await home.create(anOrder(customerOfA));
    await home.status(order, 'a_end', 'acknowledged', 1);
    await home.status(order, 'a_end', 'accepted', 2);
    await home.status(order, 'transit', 'acknowledged', 1);
    await home.status(order, 'z_end', 'acknowledged', 1);
    await home.status(order, 'z_end', 'rejected', 2, { reason: '大楼无光纤资源' });
    const failed = await home.waitOrder(order.id, 'failed', (o) => o.state === 'failed');
    expect(failed.stateReason).toBe('z_end at 330100: 大楼无光纤资源');
    expect(failed.segments.map((s) => s.state)).toEqual(['cancelling', 'rejected', 'cancelling']);
    for (const [nodeCode, role] of [
      ['440100', 'a_end'],
      ['CN', 'transit'],
    ] as const) {
      const cancels = await home.cancelRequests(nodeCode, order.id);
      expect(cancels).toEqual([
        expect.objectContaining({
          segmentId: home.segment(order, role).id,
          attempt: 1,
          reason: expect.stringContaining('大楼无光纤资源'),
        }),
      ]);
    }
    expect(await home.cancelRequests('330100', order.id)).toEqual([]);

    await home.status(order, 'a_end', 'cancelled', 3, { reason: 'compensation' });
    await home.status(order, 'transit', 'cancelled', 2, { reason: 'compensation' });
    const settled = await home.waitOrder(order.id, 'compensated', (o) =>
      o.segments.every((s) => s.state !== 'cancelling'),
    );
    expect(settled.state).toBe('failed');
    expect(settled.segments.map((s) => s.state)).toEqual(['cancelled', 'rejected', 'cancelled']);
    expect((await home.orderStatuses('CN', order.id)).at(-1)).toMatchObject({ state: 'failed' });
  });

  it('fails, not rejects, the order when a rejection after the check arrives before its acknowledgement', async () => {
    const order = await home.create(anOrder(customerOfA));
    // Version 2 is a staff rejection: the node acknowledged the segment first (version 1).
    const ids = [
      await home.status(order, 'z_end', 'rejected', 2, { reason: '大楼无光纤资源' }),
      await home.status(order, 'z_end', 'acknowledged', 1),
    ];
    expect(Object.values(await home.inboxOutcomes(ids))).toEqual(['handled', 'handled']);
    const failed = await home.waitOrder(
      order.id,
      'failed',
      (o) => o.state === 'failed' || o.state === 'rejected',
    );
    expect([failed.state, failed.stateReason]).toEqual(['failed', 'z_end at 330100: 大楼无光纤资源']);
    expect(home.segment(failed, 'z_end').state).toBe('rejected');
  });

  it('rejects the order when a node refuses its segment on receipt', async () => {
    const order = await home.create(anOrder(customerOfA));
    await home.status(order, 'a_end', 'acknowledged', 1);
    await home.status(order, 'transit', 'rejected', 1, {
      reason: 'CN is not the transit node for this circuit',
    });
    const rejected = await home.waitOrder(order.id, 'rejected', (o) => o.state === 'rejected');
    expect(rejected.stateReason).toBe('transit at CN: CN is not the transit node for this circuit');
    expect((await home.cancelRequests('440100', order.id)).map((c) => c.attempt)).toEqual([1]);
    expect((await home.cancelRequests('330100', order.id)).map((c) => c.attempt)).toEqual([1]);
  });

  it('cancels for the customer: pendingCancellation until every segment confirms, then cancelled', async () => {
    const order = await home.create(anOrder(customerOfA));
    await home.status(order, 'z_end', 'acknowledged', 1);
    await home.status(order, 'z_end', 'accepted', 2);
    await home.waitOrder(order.id, 'in progress', (o) => o.state === 'inProgress');
    const res = await node.request<OrderView>('POST', `/api/v1/circuit-orders/${order.id}/cancel`, {
      token: a.token,
      body: { reason: '客户项目取消' },
    });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('pendingCancellation');
    expect(res.body.segments.map((s) => s.state)).toEqual(['cancelling', 'cancelling', 'cancelling']);
    for (const nodeCode of ['440100', '330100', 'CN']) {
      expect((await home.cancelRequests(nodeCode, order.id)).map((c) => c.reason)).toEqual([
        'order cancelled: 客户项目取消',
      ]);
    }
    const again = await node.request('POST', `/api/v1/circuit-orders/${order.id}/cancel`, {
      token: admin,
      body: { reason: 'x' },
    });
    expect([again.status, JSON.stringify(again.body)]).toEqual([
      409,
      expect.stringContaining('pendingCancellation'),
    ]);

    await home.status(order, 'a_end', 'cancelled', 1);
    await home.status(order, 'z_end', 'cancelled', 3);
    await home.waitOrder(
      order.id,
      'two cancelled',
      (o) => o.segments.filter((s) => s.state === 'cancelled').length === 2,
    );
    expect((await home.order(order.id)).state).toBe('pendingCancellation');
    await home.status(order, 'transit', 'cancelled', 1);
    const cancelled = await home.waitOrder(order.id, 'cancelled', (o) => o.state === 'cancelled');
    expect(cancelled.stateReason).toBe('客户项目取消');
    const orderStates = (await home.history(order.id))
      .filter((h) => h.segmentId === null)
      .map((h) => h.toState);
    expect(orderStates).toEqual([
      'acknowledged',
      'inProgress',
      'assessingCancellation',
      'pendingCancellation',
      'cancelled',
    ]);
    const final = await node.request('POST', `/api/v1/circuit-orders/${order.id}/cancel`, {
      token: admin,
      body: { reason: 'x' },
    });
    expect([final.status, JSON.stringify(final.body)]).toEqual([409, expect.stringContaining('cancelled')]);
    const audit = await fed.count(
      HOME,
      `SELECT count(*) AS n FROM audit_entry WHERE action = 'circuit-order.cancel' AND resource_id = $1`,
      [order.id],
    );
    expect(audit).toBe(1);
  });

  it('changes nothing on duplicated, stale and reordered statuses', async () => {
    const order = await home.create(anOrder(customerOfA));
    await home.status(order, 'a_end', 'acknowledged', 1);
    await home.status(order, 'a_end', 'inProgress', 3, { expectedCompletionDate: shanghaiDay(9) });
    const progressed = await home.waitOrder(
      order.id,
      'a_end in progress',
      (o) => home.segment(o, 'a_end').state === 'inProgress',
    );
    const historyBefore = await home.history(order.id);
    const ids = [
      await home.status(order, 'a_end', 'accepted', 2, { expectedCompletionDate: shanghaiDay(30) }),
      await home.status(order, 'a_end', 'inProgress', 3, { expectedCompletionDate: shanghaiDay(30) }),
      await home.status(order, 'a_end', 'acknowledged', 1),
    ];
    expect(Object.values(await home.inboxOutcomes(ids))).toEqual(['handled', 'handled', 'handled']);
    const after = await home.order(order.id);
    expect(after.version).toBe(progressed.version);
    expect(home.segment(after, 'a_end')).toMatchObject({
      state: 'inProgress',
      expectedCompletionDate: shanghaiDay(9),
    });
    expect(await home.history(order.id)).toEqual(historyBefore);
  });

  it('dead-letters statuses and requests from nodes that may not send them', async () => {
    const order = await home.create(anOrder(customerOfA));
    const ids = [
      await home.status(order, 'a_end', 'done', 9, { from: '330100' }),
      await home.redispatch(order, 'a_end', undefined, '440000'),
      await home.cancelAsCoordinator(order, undefined, '330000'),
    ];
    expect(Object.values(await home.inboxOutcomes(ids))).toEqual([
      'dead_lettered',
      'dead_lettered',
      'dead_lettered',
    ]);
    const after = await home.order(order.id);
    expect([after.state, after.version, after.segments.map((s) => [s.state, s.attempt])]).toEqual([
      'acknowledged',
      1,
      [
        ['dispatched', 1],
        ['dispatched', 1],
        ['dispatched', 1],
      ],
    ]);
  });

  it("re-dispatches a segment at the coordinator's request, once, and keeps the old attempt's news as history", async () => {
    const order = await home.create(anOrder(customerOfA));
    await home.status(order, 'z_end', 'acknowledged', 1);
    await home.status(order, 'z_end', 'accepted', 2);
    const accepted = await home.waitOrder(
      order.id,
      'z_end accepted',
      (o) => home.segment(o, 'z_end').state === 'accepted',
    );
    const requestId = uuidv7();
    await home.redispatch(order, 'z_end', requestId);
    const again = await home.waitOrder(
      order.id,
      'z_end attempt 2',
      (o) => home.segment(o, 'z_end').attempt === 2,
    );
    const z = home.segment(again, 'z_end');
    expect(z).toMatchObject({ state: 'dispatched', acknowledgedAt: null, workOrderId: null });
    expect(Date.parse(z.deadline)).toBeGreaterThan(Date.parse(home.segment(accepted, 'z_end').deadline));
    expect(again.state).toBe('inProgress');
    expect((await home.cancelRequests('330100', order.id)).map((c) => [c.attempt, c.reason])).toEqual([
      [1, 'superseded by re-dispatch: 施工队未响应'],
    ]);
    expect((await home.workRequests('330100', order.id)).map((w) => w.attempt)).toEqual([1, 2]);

    // The same request again (a new message id), and the old attempt's confirmation.
    const repeated = await home.redispatch(order, 'z_end', requestId);
    const late = await home.status(order, 'z_end', 'cancelled', 3, { attempt: 1, reason: 'superseded' });
    expect(Object.values(await home.inboxOutcomes([repeated, late]))).toEqual(['handled', 'handled']);
    const after = await home.order(order.id);
    expect(home.segment(after, 'z_end')).toMatchObject({ attempt: 2, state: 'dispatched' });
    expect((await home.workRequests('330100', order.id)).map((w) => w.attempt)).toEqual([1, 2]);
    const zHistory = (await home.history(order.id))
      .filter((h) => h.role === 'z_end')
      .map((h) => [h.attempt, h.toState]);
    expect(zHistory).toEqual([
      [1, 'dispatched'],
      [1, 'acknowledged'],
      [1, 'accepted'],
      [1, 'cancelling'],
      [2, 'dispatched'],
      [1, 'cancelled'],
    ]);

    // Attempt 2 carries on to the end.
    await home.status(order, 'z_end', 'acknowledged', 1, { attempt: 2 });
    await home.waitOrder(
      order.id,
      'attempt 2 acknowledged',
      (o) => home.segment(o, 'z_end').state === 'acknowledged',
    );
  });

  it("cancels at the coordinator's request, once", async () => {
    const order = await home.create(anOrder(customerOfA));
    const requestId = uuidv7();
    await home.cancelAsCoordinator(order, requestId);
    const pending = await home.waitOrder(
      order.id,
      'pending cancellation',
      (o) => o.state === 'pendingCancellation',
    );
    expect(pending.stateReason).toContain('客户撤单');
    await home.cancelAsCoordinator(order, requestId);
    await home.drained();
    expect((await home.cancelRequests('CN', order.id)).length).toBe(1);
    const outcome = await fed.sql<{ outcome: string }>(
      HOME,
      'SELECT outcome FROM circuit_coordinator_request WHERE request_id = $1',
      [requestId],
    );
    expect(outcome).toEqual([{ outcome: 'cancelling: the order is pendingCancellation' }]);
  });

  it('holds an order until it is resumed, then derives its state from the segments', async () => {
    const order = await home.create(anOrder(customerOfA));
    const held = await node.request<OrderView>('POST', `/api/v1/circuit-orders/${order.id}/hold`, {
      token: a.token,
      body: { reason: '等待客户机房改造' },
    });
    expect([held.status, held.body.state, held.body.stateReason]).toEqual([200, 'held', '等待客户机房改造']);
    expect(
      (
        await node.request('POST', `/api/v1/circuit-orders/${order.id}/hold`, {
          token: admin,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(409);
    await home.completeAll(order);
    await home.waitOrder(order.id, 'all segments done while held', (o) =>
      o.segments.every((s) => s.state === 'done'),
    );
    expect((await home.order(order.id)).state).toBe('held');
    const resumed = await node.request<OrderView>('POST', `/api/v1/circuit-orders/${order.id}/resume`, {
      token: a.token,
    });
    expect([resumed.status, resumed.body.state, resumed.body.stateReason]).toEqual([200, 'completed', null]);
    expect(
      (await node.request('POST', `/api/v1/circuit-orders/${order.id}/resume`, { token: admin })).status,
    ).toBe(409);
    expect(
      (
        await node.request('POST', `/api/v1/circuit-orders/${order.id}/hold`, {
          token: admin,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(409);
    expect(await completedAtCn(order.id)).toHaveLength(1);
  });

  it('fails a held order when a segment fails, since failure does not wait', async () => {
    const order = await home.create(anOrder(customerOfA));
    await node.request('POST', `/api/v1/circuit-orders/${order.id}/hold`, {
      token: admin,
      body: { reason: '暂停' },
    });
    await home.status(order, 'transit', 'acknowledged', 1);
    await home.status(order, 'transit', 'accepted', 2);
    await home.status(order, 'transit', 'failed', 3, { reason: '干线中断' });
    const failed = await home.waitOrder(order.id, 'failed', (o) => o.state === 'failed');
    expect([failed.stateReason, failed.heldAt]).toEqual(['transit at CN: 干线中断', null]);
  });

  it('sends each site contact only to the city that works that site, and audits it masked', async () => {
    const tag = Date.now().toString().slice(-8);
    const aContact = { name: `欧阳甲${tag}`, phone: `139${tag}` };
    const zContact = { name: `司马乙${tag}`, phone: `158${tag}` };
    const base = anOrder(customerOfA);
    const order = await home.create({
      ...base,
      aEnd: { ...(base.aEnd as object), contactName: aContact.name, contactPhone: aContact.phone },
      zEnd: { ...(base.zEnd as object), contactName: zContact.name, contactPhone: zContact.phone },
    });
    await home.status(order, 'z_end', 'acknowledged', 1);
    await home.status(order, 'z_end', 'rejected', 2, { reason: '无资源' });
    await home.waitOrder(order.id, 'failed', (o) => o.state === 'failed');
    await home.drained();
    const found: Record<string, string[]> = {};
    for (const topic of await namespaceTopics(fed.namespace)) {
      if (topic.startsWith(`${fed.namespace}.${HOME}.`)) continue;
      for (const record of await readAllRecords(topic)) {
        const text = record.value.toString('utf8');
        for (const [who, value] of Object.entries({
          aName: aContact.name,
          aPhone: aContact.phone,
          zName: zContact.name,
          zPhone: zContact.phone,
        })) {
          if (text.includes(value)) (found[who] ??= []).push(topic.split('.')[1]!);
        }
      }
    }
    expect(found).toEqual({
      aName: ['440100'],
      aPhone: ['440100'],
      zName: ['330100'],
      zPhone: ['330100'],
    });
    const audits = await fed.sql<{ text: string }>(
      HOME,
      `SELECT concat(before::text, after::text) AS text FROM audit_entry WHERE resource_id = $1`,
      [order.id],
    );
    expect(audits.length).toBeGreaterThan(0);
    for (const { text } of audits) {
      for (const value of [aContact.name, aContact.phone, zContact.name, zContact.phone]) {
        expect(text).not.toContain(value);
      }
    }
  });

  it('shows nothing to a node without the function, and names the state of a refused change', async () => {
    const engineer = await tokenFor({ roles: 'provisioning_engineer', node: HOME });
    expect((await node.request('GET', '/api/v1/circuit-orders', { token: engineer })).status).toBe(403);
    const res = await waitFor(
      'metrics',
      () => node.request('GET', '/metrics', { token: null }),
      (r) => r.status === 200,
    );
    expect(res.text).toContain('kaf_circuit_order_transitions_total{from="inProgress",to="completed"');
    expect(res.text).toContain('kaf_circuit_segment_ack_seconds_bucket');
  });
});
