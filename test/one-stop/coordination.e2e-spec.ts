import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { randomUUID } from 'node:crypto';
import {
  type CircuitOrderStatus,
  CircuitOrderCancelRequestedSchema,
  CircuitOrderStatusSchema,
  CircuitSlaBreachedSchema,
  EscalationAcknowledgedSchema,
  EscalationClosedSchema,
  EscalationRaisedSchema,
  SegmentRedispatchRequestedSchema,
} from '@kaf/contracts';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { inboxPayloads, sendAs } from '../support/inbox-injection';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import {
  aBreach,
  aClose,
  anOrderStatus,
  aSegmentRaised,
  nextVersion,
  outcomeOf,
  writeOneStopTopology,
} from './coordination-builders';

interface SegmentView {
  segmentId: string;
  role: string;
  nodeCode: string;
  attempt: number;
  state: string;
  deadline: string | null;
  overdue: boolean;
}
interface EscalationView {
  escalationId: string;
  orderId: string;
  segmentId: string;
  attempt: number;
  status: string;
  resolution: string | null;
  resolvedBy: string | null;
  requestId: string | null;
}
interface OrderView {
  orderId: string;
  version: string;
  homeNode: string;
  state: string;
  aEndProvince: string;
  zEndProvince: string;
  transitNode: string | null;
  monthlyChargeFen: string;
  segments: SegmentView[];
  stuck: boolean;
  openEscalations: number;
  escalations?: EscalationView[];
  requests?: { requestId: string; kind: string; segmentId: string | null; requestedBy: string }[];
}
interface ActionView {
  requestId: string;
  orderId: string;
  kind: string;
  segmentId: string | null;
  reason: string;
  requestedBy: string;
  homeNode: string;
  escalationsResolved: string[];
}
interface Problem {
  detail?: string;
  errors?: { field: string; message: string }[];
}

const ORDERS = '/api/v1/coordinated-orders';
const ESCALATIONS = '/api/v1/one-stop-escalations';

/**
 * The national node and Guangdong as real processes; home cities are played by the suite through
 * the coordinators' inbox topics, and what the coordinators send back is read off the cities'
 * inbox topics. A cross-province order is coordinated by CN, one inside Guangdong by Guangdong.
 */
describe('one-stop coordination', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let gd: NodeProcess;
  const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'HQ-COORD-01' });
  const hqAnalyst = () => tokenFor({ roles: 'hq_analyst', node: 'CN' });
  const gdAdmin = () => tokenFor({ roles: 'province_admin', node: '440000', subject: 'GD-COORD-07' });
  const zjAnalyst = () => tokenFor({ roles: 'province_analyst', node: '330000' });

  beforeAll(async () => {
    const env = { TOPOLOGY_FILE: writeOneStopTopology(fed.namespace) };
    cn = await fed.addNode('CN', 'national', env);
    gd = await fed.addNode('440000', 'province', env);
    await Promise.all([cn, gd].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  /** Sends a status as its home city would, and waits until the coordinator has dealt with it. */
  async function report(to: string, status: CircuitOrderStatus, source = status.homeNode): Promise<string> {
    const id = await sendAs(fed.namespace, source, to, CircuitOrderStatusSchema, status, status.orderId);
    return outcomeOf(fed, to, id);
  }
  const order = async (node: NodeProcess, id: string, token?: string) =>
    node.request<OrderView & Problem>('GET', `${ORDERS}/${id}`, { token: token ?? (await hqAdmin()) });

  it('keeps a cross-province order at CN and an in-province one at the province, highest version wins', async () => {
    const cross = anOrderStatus({ aEndNode: '440300', zEndNode: '330100' });
    const inside = anOrderStatus({ aEndNode: '440300', zEndNode: '440100' });
    expect(await report('CN', cross)).toBe('handled');
    expect(await report('440000', inside)).toBe('handled');

    const atCn = await order(cn, cross.orderId);
    expect(atCn.status).toBe(200);
    expect(atCn.body).toMatchObject({
      orderId: cross.orderId,
      version: '1',
      homeNode: '440300',
      state: 'inProgress',
      aEndProvince: '440000',
      zEndProvince: '330000',
      transitNode: 'CN',
      monthlyChargeFen: '1250000',
      stuck: false,
      openEscalations: 0,
      escalations: [],
      requests: [],
    });
    expect(atCn.body.segments.map((s) => [s.role, s.nodeCode, s.state])).toEqual([
      ['a_end', '440300', 'accepted'],
      ['z_end', '330100', 'accepted'],
      ['transit', 'CN', 'accepted'],
    ]);
    const atGd = await order(gd, inside.orderId, await gdAdmin());
    expect(atGd.body).toMatchObject({
      transitNode: '440000',
      aEndProvince: '440000',
      zEndProvince: '440000',
    });
    // Each order lives at its coordinator only.
    expect((await order(cn, inside.orderId)).status).toBe(404);
    expect((await order(gd, cross.orderId)).status).toBe(404);

    // Version 3 arrives before version 2: 2 changes nothing, nor does 3 again.
    expect(await report('CN', nextVersion(cross, 3n, { state: 'held', stateReason: '客户机房未就绪' }))).toBe(
      'handled',
    );
    expect(await report('CN', nextVersion(cross, 2n, { state: 'pending' }))).toBe('handled');
    expect(await report('CN', nextVersion(cross, 3n, { state: 'failed' }))).toBe('handled');
    expect((await order(cn, cross.orderId)).body).toMatchObject({ version: '3', state: 'held' });
    expect(await metricValue(cn, 'kaf_one_stop_order_statuses_received_total', { outcome: 'stale' })).toBe(2);
  });

  it('dead-letters statuses sent to the wrong coordinator or by anyone but the home city', async () => {
    const inside = anOrderStatus({ aEndNode: '440300', zEndNode: '440100' });
    const cross = anOrderStatus({ aEndNode: '440300', zEndNode: '330100' });
    expect(await report('CN', inside)).toBe('dead_lettered');
    expect(await report('440000', cross)).toBe('dead_lettered');
    // Guangzhou speaking for Shenzhen's order, and a province speaking for a city.
    expect(await report('CN', cross, '440100')).toBe('dead_lettered');
    expect(await report('CN', nextVersion(cross, 1n, { homeNode: '440000' }), '440000')).toBe(
      'dead_lettered',
    );
    // Once Shenzhen's order is known, Guangzhou cannot take it over by naming itself home.
    expect(await report('CN', cross)).toBe('handled');
    expect(await report('CN', nextVersion(cross, 2n, { homeNode: '440100' }), '440100')).toBe(
      'dead_lettered',
    );
    expect((await order(cn, cross.orderId)).body).toMatchObject({ version: '1', homeNode: '440300' });
    expect((await order(cn, inside.orderId)).status).toBe(404);
    const reasons = await fed.sql<{ reason: string }>(
      'CN',
      `SELECT reason FROM messaging_dead_letter WHERE type = 'kaf.onestop.v1.CircuitOrderStatus' ORDER BY failed_at`,
    );
    expect(reasons.map((r) => r.reason).join('\n')).toMatch(/coordinated by 440000, not CN/);
  });

  it('raises one escalation per segment attempt, however often the breach is sent', async () => {
    const status = anOrderStatus({ aEndNode: '440300', zEndNode: '330100' });
    expect(await report('CN', status)).toBe('handled');
    const before = await metricValue(cn, 'kaf_one_stop_escalations_received_total');
    const breach = aBreach(status, 1);
    const send = async (b = breach) =>
      outcomeOf(
        fed,
        'CN',
        await sendAs(fed.namespace, '440300', 'CN', CircuitSlaBreachedSchema, b, status.orderId),
      );
    expect(await send()).toBe('handled');
    // The same breach again (a new message id), and the same attempt under a new escalation id.
    expect(await send()).toBe('handled');
    expect(await send(aBreach(status, 1))).toBe('handled');
    expect(
      await fed.count(
        'CN',
        `SELECT count(*)::int AS n FROM held_escalation
          WHERE subject_type = 'circuitSegment' AND case_id = $1`,
        [status.orderId],
      ),
    ).toBe(1);
    expect(await metricValue(cn, 'kaf_one_stop_escalations_received_total')).toBe(before + 1);
    const view = await order(cn, status.orderId);
    expect(view.body).toMatchObject({ stuck: true, openEscalations: 1 });
    expect(view.body.escalations).toEqual([
      expect.objectContaining({
        escalationId: breach.escalationId,
        status: 'open',
        attempt: 1,
        resolution: null,
      }),
    ]);
    // A breach from a city that is not the order's home is dead-lettered.
    const impostor = aBreach(status, 0, { homeNode: '440100' });
    expect(
      await outcomeOf(
        fed,
        'CN',
        await sendAs(fed.namespace, '440100', 'CN', CircuitSlaBreachedSchema, impostor, status.orderId),
      ),
    ).toBe('dead_lettered');

    // The order moves on: a done segment closes its escalation.
    const done = nextVersion(status, 2n, {
      segments: status.segments.map((s, i) => (i === 1 ? { ...s, state: 'done' } : s)),
    });
    expect(await report('CN', done)).toBe('handled');
    const after = await order(cn, status.orderId);
    expect(after.body).toMatchObject({ stuck: false, openEscalations: 0 });
    expect(after.body.escalations?.[0]).toMatchObject({ status: 'resolved', resolution: 'segmentDone' });
  });

  it('keeps a breach that arrives before the order, and joins it when the order comes', async () => {
    const status = anOrderStatus({ aEndNode: '440300', zEndNode: '440100' });
    const breach = aBreach(status, 2); // the transit, carried by Guangdong itself
    const id = await sendAs(
      fed.namespace,
      '440300',
      '440000',
      CircuitSlaBreachedSchema,
      breach,
      status.orderId,
    );
    expect(await outcomeOf(fed, '440000', id)).toBe('handled');
    const listed = await gd.request<EscalationView[]>('GET', `${ESCALATIONS}?orderId=${status.orderId}`, {
      token: await gdAdmin(),
    });
    expect(listed.body.map((e) => e.escalationId)).toEqual([breach.escalationId]);
    expect(await report('440000', status)).toBe('handled');
    expect((await order(gd, status.orderId, await gdAdmin())).body).toMatchObject({
      stuck: true,
      openEscalations: 1,
    });
  });

  it('holds a late segment raised by the home city, from another province too, and closes it on its word', async () => {
    // Hangzhou takes an order with both ends in Guangdong: Guangdong coordinates it, though
    // Hangzhou lies outside its subtree.
    const status = anOrderStatus({ aEndNode: '440300', zEndNode: '440100', homeNode: '330100' });
    expect(await report('440000', status)).toBe('handled');
    const raise = async (from: string, r: ReturnType<typeof aSegmentRaised>) =>
      outcomeOf(
        fed,
        '440000',
        await sendAs(fed.namespace, from, '440000', EscalationRaisedSchema, r, r.escalation!.escalationId),
      );
    const raised = aSegmentRaised(status, 1, '440000');
    expect(await raise('330100', raised)).toBe('handled');
    expect(await raise('330100', raised)).toBe('handled');
    // Guangzhou is in Guangdong's subtree, but not the order's home: refused.
    const impostor = aSegmentRaised({ ...status, homeNode: '440100' }, 0, '440000');
    expect(await raise('440100', impostor)).toBe('dead_lettered');
    const token = await gdAdmin();
    const listed = await gd.request<EscalationView[]>('GET', `${ESCALATIONS}?orderId=${status.orderId}`, {
      token,
    });
    expect(listed.body).toEqual([
      expect.objectContaining({
        escalationId: raised.escalation!.escalationId,
        segmentId: status.segments[1]!.segmentId,
        attempt: 1,
        status: 'open',
        resolution: null,
      }),
    ]);
    expect((await order(gd, status.orderId, token)).body).toMatchObject({ stuck: true, openEscalations: 1 });
    // The generic list of what Guangdong holds shows it too, with its facts.
    const held = await gd.request<{ escalationId: string; facts: Record<string, unknown> }[]>(
      'GET',
      '/api/v1/escalations?subjectType=circuitSegment&limit=100',
      { token },
    );
    expect(held.body.find((e) => e.escalationId === raised.escalation!.escalationId)?.facts).toMatchObject({
      cityCode: '330100',
      role: status.segments[1]!.role,
      attempt: 1,
    });

    // The home city closes it (the segment done): resolved in the coordinator's view.
    const closed = await sendAs(
      fed.namespace,
      '330100',
      '440000',
      EscalationClosedSchema,
      aClose(raised, 'segmentDone'),
      raised.escalation!.escalationId,
    );
    expect(await outcomeOf(fed, '440000', closed)).toBe('handled');
    const after = await gd.request<EscalationView[]>('GET', `${ESCALATIONS}?orderId=${status.orderId}`, {
      token,
    });
    expect(after.body).toEqual([expect.objectContaining({ status: 'resolved', resolution: 'segmentDone' })]);
    expect((await order(gd, status.orderId, token)).body).toMatchObject({ openEscalations: 0 });
  });

  it('lists the stuck orders: an open escalation or an open segment past its deadline, never a final order', async () => {
    const token = await hqAnalyst();
    const late = anOrderStatus({ aEndNode: '440100', zEndNode: '330200' });
    const lateSegments = late.segments.map((s, i) =>
      i === 0
        ? { ...s, state: 'inProgress', deadline: timestampFromDate(new Date(Date.now() - 3_600_000)) }
        : s,
    );
    const overdue = nextVersion(late, 1n, { segments: lateSegments });
    const onTime = anOrderStatus({ aEndNode: '440100', zEndNode: '330200' });
    const finished = nextVersion(anOrderStatus({ aEndNode: '440100', zEndNode: '330200' }), 1n, {
      state: 'failed',
      segments: lateSegments,
    });
    for (const s of [overdue, onTime, finished]) expect(await report('CN', s, '440100')).toBe('handled');

    const stuck = await cn.request<OrderView[]>('GET', `${ORDERS}?stuck=true&homeNode=440100&limit=100`, {
      token,
    });
    expect(stuck.status).toBe(200);
    expect(stuck.body.map((o) => o.orderId)).toEqual([overdue.orderId]);
    expect(stuck.headers.get('x-total-count')).toBe('1');
    expect(stuck.body[0]!.segments[0]).toMatchObject({ state: 'inProgress', overdue: true });
    const notStuck = await cn.request<OrderView[]>('GET', `${ORDERS}?stuck=false&homeNode=440100`, { token });
    expect(notStuck.body.map((o) => o.orderId).sort()).toEqual([onTime.orderId, finished.orderId].sort());
    const failed = await cn.request<OrderView[]>('GET', `${ORDERS}?state=failed&homeNode=440100`, { token });
    expect(failed.body.map((o) => o.orderId)).toEqual([finished.orderId]);
    const page = await cn.request<OrderView[]>('GET', `${ORDERS}?homeNode=440100&limit=2&offset=1`, {
      token,
    });
    expect([page.body.length, page.headers.get('x-total-count')]).toEqual([2, '3']);
  });

  it('asks the home city to re-dispatch a segment, resolves its escalations and audits the coordinator', async () => {
    const status = anOrderStatus({ aEndNode: '440300', zEndNode: '330100' });
    expect(await report('CN', status)).toBe('handled');
    const breach = aBreach(status, 1);
    await outcomeOf(
      fed,
      'CN',
      await sendAs(fed.namespace, '440300', 'CN', CircuitSlaBreachedSchema, breach, status.orderId),
    );
    const zEnd = status.segments[1]!.segmentId;
    const res = await cn.request<ActionView>(
      'POST',
      `${ORDERS}/${status.orderId}/segments/${zEnd}/redispatch`,
      {
        token: await hqAdmin(),
        body: { reason: '乙端资源核查超时，改派' },
      },
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      orderId: status.orderId,
      kind: 'redispatch',
      segmentId: zEnd,
      requestedBy: 'HQ-COORD-01',
      homeNode: '440300',
      escalationsResolved: [breach.escalationId],
    });
    const sent = await waitFor(
      'the re-dispatch request at Shenzhen',
      () => inboxPayloads(fed.namespace, '440300', SegmentRedispatchRequestedSchema),
      (found) => found.some((m) => m.payload.requestId === res.body.requestId),
    );
    expect(sent.find((m) => m.payload.requestId === res.body.requestId)).toMatchObject({
      source: 'CN',
      payload: {
        orderId: status.orderId,
        segmentId: zEnd,
        reason: '乙端资源核查超时，改派',
        requestedBy: 'HQ-COORD-01',
      },
    });
    const view = await order(cn, status.orderId);
    expect(view.body.escalations?.[0]).toMatchObject({
      status: 'resolved',
      resolution: 'redispatched',
      resolvedBy: 'HQ-COORD-01',
      requestId: res.body.requestId,
    });
    expect(view.body.requests).toEqual([
      expect.objectContaining({ requestId: res.body.requestId, kind: 'redispatch' }),
    ]);
    // The escalation is acknowledged, and the home city told, with the request.
    const acks = await waitFor(
      'the acknowledgement at Shenzhen',
      () => inboxPayloads(fed.namespace, '440300', EscalationAcknowledgedSchema),
      (found) => found.some((m) => m.payload.escalationId === breach.escalationId),
    );
    expect(acks.find((m) => m.payload.escalationId === breach.escalationId)?.payload).toMatchObject({
      acknowledgedBy: 'HQ-COORD-01',
      note: `request ${res.body.requestId}`,
    });
    const audit = await fed.sql<{ actor_subject: string; action: string }>(
      'CN',
      'SELECT actor_subject, action FROM audit_entry WHERE resource_id = $1',
      [status.orderId],
    );
    expect(audit).toEqual([{ actor_subject: 'HQ-COORD-01', action: 'coordinated-order.redispatch' }]);

    // A done segment, an unknown one, a province's staff at CN, bad bodies: refused, nothing sent.
    const done = nextVersion(status, 2n, {
      segments: status.segments.map((s, i) => (i === 0 ? { ...s, state: 'done' } : s)),
    });
    expect(await report('CN', done)).toBe('handled');
    const token = await hqAdmin();
    const refused: [string, unknown, string | null, number, string?][] = [
      // Asked again before the home city reported attempt 2 (a double click): refused.
      [`segments/${zEnd}/redispatch`, { reason: '乙端资源核查超时，改派' }, token, 409],
      [`segments/${status.segments[0]!.segmentId}/redispatch`, { reason: 'x' }, token, 409],
      [`segments/${randomUUID()}/redispatch`, { reason: 'x' }, token, 404],
      [`segments/${zEnd}/redispatch`, { reason: 'x' }, await gdAdmin(), 403],
      [`segments/${zEnd}/redispatch`, {}, token, 400, 'reason'],
      [`segments/${zEnd}/redispatch`, { reason: 'x'.repeat(501) }, token, 400, 'reason'],
      [`segments/${zEnd}/redispatch`, { reason: 'x', urgent: true }, token, 400, 'urgent'],
      [`segments/not-a-uuid/redispatch`, { reason: 'x' }, token, 400, 'segmentId'],
    ];
    for (const [path, body, t, status_, field] of refused) {
      const r = await cn.request<Problem>('POST', `${ORDERS}/${status.orderId}/${path}`, { token: t, body });
      expect([path, r.status]).toEqual([path, status_]);
      if (field) expect(r.body.errors?.map((e) => e.field)).toContain(field);
    }
    expect(
      await fed.count(
        'CN',
        'SELECT count(*)::int AS n FROM one_stop_coordination_request WHERE order_id = $1',
        [status.orderId],
      ),
    ).toBe(1);

    // Once the home city reports the new attempt, that attempt can be re-dispatched in turn.
    const redispatched = nextVersion(status, 3n, {
      segments: status.segments.map((s, i) =>
        i === 0 ? { ...s, state: 'done' } : i === 1 ? { ...s, attempt: 2, state: 'dispatched' } : s,
      ),
    });
    expect(await report('CN', redispatched)).toBe('handled');
    const again = await cn.request<ActionView>(
      'POST',
      `${ORDERS}/${status.orderId}/segments/${zEnd}/redispatch`,
      {
        token,
        body: { reason: '第二次改派' },
      },
    );
    expect(again.status).toBe(202);
  });

  it('asks the home city to cancel the order and resolves its open escalations; a final order is a 409', async () => {
    const status = anOrderStatus({ aEndNode: '440300', zEndNode: '440100' });
    expect(await report('440000', status)).toBe('handled');
    const breaches = [aBreach(status, 0), aBreach(status, 2)];
    for (const b of breaches) {
      await outcomeOf(
        fed,
        '440000',
        await sendAs(fed.namespace, '440300', '440000', CircuitSlaBreachedSchema, b, status.orderId),
      );
    }
    const res = await gd.request<ActionView>('POST', `${ORDERS}/${status.orderId}/cancel`, {
      token: await gdAdmin(),
      body: { reason: '客户撤单' },
    });
    expect(res.status).toBe(202);
    expect(res.body.escalationsResolved.sort()).toEqual(breaches.map((b) => b.escalationId).sort());
    const sent = await waitFor(
      'the cancel request at Shenzhen',
      () => inboxPayloads(fed.namespace, '440300', CircuitOrderCancelRequestedSchema),
      (found) => found.some((m) => m.payload.requestId === res.body.requestId),
    );
    expect(sent.find((m) => m.payload.requestId === res.body.requestId)).toMatchObject({
      source: '440000',
      payload: { orderId: status.orderId, reason: '客户撤单', requestedBy: 'GD-COORD-07' },
    });
    const open = await gd.request<EscalationView[]>(
      'GET',
      `${ESCALATIONS}?orderId=${status.orderId}&status=open`,
      {
        token: await gdAdmin(),
      },
    );
    expect([open.body, open.headers.get('x-total-count')]).toEqual([[], '0']);

    expect(await report('440000', nextVersion(status, 2n, { state: 'cancelled' }))).toBe('handled');
    const again = await gd.request<Problem>('POST', `${ORDERS}/${status.orderId}/cancel`, {
      token: await gdAdmin(),
      body: { reason: '再撤' },
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/state: the order is cancelled/);
    const unknown = await gd.request('POST', `${ORDERS}/${randomUUID()}/cancel`, {
      token: await gdAdmin(),
      body: { reason: 'x' },
    });
    expect(unknown.status).toBe(404);
  });

  it("shows a province's staff at CN only the orders with an end in their province", async () => {
    const gdZj = anOrderStatus({ aEndNode: '440300', zEndNode: '330200' });
    const bjZj = anOrderStatus({ aEndNode: '110100', zEndNode: '330200' });
    for (const s of [gdZj, bjZj]) expect(await report('CN', s)).toBe('handled');
    await outcomeOf(
      fed,
      'CN',
      await sendAs(fed.namespace, '110100', 'CN', CircuitSlaBreachedSchema, aBreach(bjZj, 0), bjZj.orderId),
    );

    const ids = async (token: string, path = ORDERS) =>
      (await cn.request<{ orderId: string }[]>('GET', `${path}?limit=500`, { token })).body.map(
        (o) => o.orderId,
      );
    const gdSees = await ids(await gdAdmin());
    expect(gdSees).toContain(gdZj.orderId);
    expect(gdSees).not.toContain(bjZj.orderId);
    expect((await order(cn, bjZj.orderId, await gdAdmin())).status).toBe(404);
    expect((await order(cn, gdZj.orderId, await gdAdmin())).status).toBe(200);
    expect(await ids(await gdAdmin(), ESCALATIONS)).not.toContain(bjZj.orderId);
    // Zhejiang has an end in both; national staff see everything.
    expect(await ids(await zjAnalyst())).toEqual(expect.arrayContaining([gdZj.orderId, bjZj.orderId]));
    expect(await ids(await hqAnalyst(), ESCALATIONS)).toContain(bjZj.orderId);
    // A province's staff may follow a cross-province order at CN, not steer it.
    const steer = await cn.request('POST', `${ORDERS}/${gdZj.orderId}/cancel`, {
      token: await gdAdmin(),
      body: { reason: 'x' },
    });
    expect(steer.status).toBe(403);
    // Another province's coordinator: Guangdong's node is no place for Zhejiang's staff.
    expect((await gd.request('GET', ORDERS, { token: await zjAnalyst() })).status).toBe(403);
  });

  it('refuses bad filters naming the field', async () => {
    const token = await hqAnalyst();
    for (const [query, field] of [
      ['state=done', 'state'],
      ['homeNode=440000', 'homeNode'],
      ['stuck=yes', 'stuck'],
      ['limit=0', 'limit'],
      ['colour=red', 'colour'],
    ] as const) {
      const res = await cn.request<Problem>('GET', `${ORDERS}?${query}`, { token });
      expect([query, res.status, res.body.errors?.map((e) => e.field)]).toEqual([query, 400, [field]]);
    }
    for (const [query, field] of [
      ['status=closed', 'status'],
      ['orderId=42', 'orderId'],
    ] as const) {
      const res = await cn.request<Problem>('GET', `${ESCALATIONS}?${query}`, { token });
      expect([query, res.status, res.body.errors?.map((e) => e.field)]).toEqual([query, 400, [field]]);
    }
    expect((await cn.request('GET', `${ORDERS}/not-a-uuid`, { token })).status).toBe(400);
    expect(
      (
        await cn.request('GET', ORDERS, {
          token: await tokenFor({ roles: 'provisioning_engineer', node: 'CN' }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await cn.request('POST', `${ORDERS}/${randomUUID()}/cancel`, { token, body: { reason: 'x' } })).status,
    ).toBe(403);
  });
});
