import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import {
  aTransitRequest,
  aWorkRequest,
  cancelWork,
  engineer,
  HOME,
  inboxOutcome,
  lines,
  outboxDrained,
  repliesFor,
  requestWork,
  waitForReplies,
  workOrderOf,
} from './work-orders-builders';

interface WorkOrder {
  id: string;
  state: string;
  version: number;
  stateReason: string | null;
  site: { address: string | null; contactName: string | null; contactPhone: string | null } | null;
  history: { from: string | null; to: string; actor: string; version: number; reason: string | null }[];
}
interface Problem {
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

const HANGZHOU = '330100';

/**
 * Work orders at the nodes that carry segments, as real processes: Hangzhou (an end city),
 * Guangdong (transit within the province) and the national node (transit across provinces). The
 * home city, Shenzhen, is played through its messages; its inbox topic shows what it would get.
 */
describe('work orders at the segment nodes', () => {
  const fed = new FederationFixture();
  let hangzhou: NodeProcess;
  let guangdong: NodeProcess;
  let national: NodeProcess;

  beforeAll(async () => {
    hangzhou = await fed.addNode(HANGZHOU, 'city');
    guangdong = await fed.addNode('440000', 'province');
    national = await fed.addNode('CN', 'national');
    await Promise.all([hangzhou, guangdong, national].map((n) => n.startAndWaitReady()));
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const act = async (node: NodeProcess, id: string, action: string, body?: unknown, token?: string) =>
    node.request<WorkOrder & Problem>('POST', `/api/v1/work-orders/${id}/${action}`, {
      token: token ?? (await engineer(node.spec.code)),
      ...(body === undefined ? {} : { body }),
    });
  const getAt = async (node: NodeProcess, id: string, token?: string) =>
    node.request<WorkOrder & Problem>('GET', `/api/v1/work-orders/${id}`, {
      token: token ?? (await engineer(node.spec.code)),
    });

  it('acknowledges a sound request and tells the home city, version 1', async () => {
    const request = aWorkRequest();
    await requestWork(fed, HANGZHOU, request);
    const [reply] = await waitForReplies(fed, request.orderId, (r) => r.length === 1);
    expect(reply!.source).toBe(HANGZHOU);
    expect(reply!.status).toMatchObject({
      segmentId: request.segmentId,
      attempt: 1,
      nodeCode: HANGZHOU,
      state: 'acknowledged',
      version: 1n,
    });
    const detail = await getAt(hangzhou, reply!.status.workOrderId);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      state: 'acknowledged',
      role: 'z_end',
      homeNode: HOME,
      product: 'ethernet_private_line',
      bandwidthMbps: 100,
      site: { address: request.site!.address, ...pick(request.site!) },
      history: [{ from: null, to: 'acknowledged', actor: 'system', version: 1 }],
    });
  });

  it('runs accept → start → pending → resume → complete, each version reaching the home city', async () => {
    const request = aWorkRequest({ product: 'mpls_vpn', bandwidthMbps: 1000 });
    await requestWork(fed, HANGZHOU, request);
    const { id } = await workOrderOf(fed, HANGZHOU, request.segmentId);
    const expected = shanghaiDay(7);
    const steps: [string, unknown][] = [
      ['accept', { expectedCompletionDate: expected }],
      ['start', undefined],
      ['pending', { reason: '客户机房装修，暂停进场' }],
      ['resume', undefined],
      ['complete', { circuitId: 'HZ-MPLS-2026-0042', handover: 'PE HZ-PE-01 ge-0/0/7, VLAN 2301' }],
    ];
    for (const [action, body] of steps) {
      const res = await act(hangzhou, id, action, body);
      expect([action, res.status]).toEqual([action, 200]);
    }
    const replies = await waitForReplies(fed, request.orderId, (r) => r.length >= 6);
    expect(lines(replies)).toEqual([
      '1:acknowledged:v1',
      '1:accepted:v2',
      '1:inProgress:v3',
      '1:pending:v4',
      '1:inProgress:v5',
      '1:done:v6',
    ]);
    expect(replies[1]!.status.expectedCompletionDate).toBe(expected);
    expect(replies[3]!.status.reason).toBe('客户机房装修，暂停进场');
    expect(replies[5]!.status).toMatchObject({
      circuitId: 'HZ-MPLS-2026-0042',
      handover: 'PE HZ-PE-01 ge-0/0/7, VLAN 2301',
      expectedCompletionDate: expected,
    });

    const detail = await getAt(hangzhou, id);
    expect(detail.body.history.map((h) => `${h.from}→${h.to}:${h.actor}`)).toEqual([
      'null→acknowledged:system',
      'acknowledged→accepted:ENG-330100-01',
      'accepted→inProgress:ENG-330100-01',
      'inProgress→pending:ENG-330100-01',
      'pending→inProgress:ENG-330100-01',
      'inProgress→done:ENG-330100-01',
    ]);
    // Every step audited, the contact masked.
    const audits = await fed.sql<{ action: string; after: string }>(
      HANGZHOU,
      `SELECT action, after::text FROM audit_entry WHERE resource_id = $1 ORDER BY occurred_at`,
      [id],
    );
    expect(audits.map((a) => a.action)).toEqual([
      'work-order.accept',
      'work-order.start',
      'work-order.pending',
      'work-order.resume',
      'work-order.complete',
    ]);
    for (const a of audits) {
      expect(a.after).not.toContain(request.site!.contactPhone);
      expect(a.after).not.toContain(request.site!.contactName);
    }
    expect(
      await metricValue(hangzhou, 'kaf_one_stop_work_orders_total', { state: 'done' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('changes nothing for the same segment attempt sent again under a new message id', async () => {
    const request = aWorkRequest();
    await requestWork(fed, HANGZHOU, request);
    await waitForReplies(fed, request.orderId, (r) => r.length === 1);
    const again = await requestWork(fed, HANGZHOU, { ...request, customerName: '改过的名字' });
    expect(await inboxOutcome(fed, HANGZHOU, again)).toBe('handled');
    await outboxDrained(fed, HANGZHOU);
    const rows = await fed.sql<{ customer_name: string; version: string }>(
      HANGZHOU,
      'SELECT customer_name, version::text FROM one_stop_work_order WHERE segment_id = $1',
      [request.segmentId],
    );
    expect(rows).toEqual([{ customer_name: request.customerName, version: '1' }]);
    expect(lines(await repliesFor(fed, request.orderId))).toEqual(['1:acknowledged:v1']);
  });

  it('keeps a cancel that overtook its request, so the request is born cancelled', async () => {
    const request = aWorkRequest();
    await cancelWork(fed, HANGZHOU, { ...ids(request), reason: '客户撤单' });
    await waitForReplies(fed, request.orderId, (r) => r.length === 1);
    const late = await requestWork(fed, HANGZHOU, request);
    expect(await inboxOutcome(fed, HANGZHOU, late)).toBe('handled');
    await outboxDrained(fed, HANGZHOU);
    expect(lines(await repliesFor(fed, request.orderId))).toEqual(['1:cancelled:v1']);
    const { id, state } = await workOrderOf(fed, HANGZHOU, request.segmentId);
    expect(state).toBe('cancelled');
    const detail = await getAt(hangzhou, id);
    expect(detail.body).toMatchObject({
      state: 'cancelled',
      stateReason: '客户撤单',
      product: request.product,
    });
    expect((await act(hangzhou, id, 'accept', { expectedCompletionDate: shanghaiDay(3) })).status).toBe(409);
  });

  it('cancels the older attempt on a re-dispatch, and an older attempt arriving late is born cancelled', async () => {
    const first = aWorkRequest();
    await requestWork(fed, HANGZHOU, first);
    const { id } = await workOrderOf(fed, HANGZHOU, first.segmentId);
    expect((await act(hangzhou, id, 'accept', { expectedCompletionDate: shanghaiDay(2) })).status).toBe(200);
    await requestWork(fed, HANGZHOU, { ...first, attempt: 2 });
    const replies = await waitForReplies(fed, first.orderId, (r) => r.length === 4);
    expect(lines(replies)).toEqual([
      '1:acknowledged:v1',
      '1:accepted:v2',
      '1:cancelled:v3',
      '2:acknowledged:v1',
    ]);
    expect(replies[2]!.status.reason).toMatch(/^superseded by re-dispatch/);

    const reordered = aWorkRequest();
    await requestWork(fed, HANGZHOU, { ...reordered, attempt: 2 });
    await waitForReplies(fed, reordered.orderId, (r) => r.length === 1);
    await requestWork(fed, HANGZHOU, reordered);
    const late = await waitForReplies(fed, reordered.orderId, (r) => r.length === 2);
    expect(lines(late)).toEqual(['2:acknowledged:v1', '1:cancelled:v1']);
    expect(late[1]!.status.reason).toMatch(/^superseded by re-dispatch/);
  });

  it('cancels open work, releases done work and answers a closed one with its status', async () => {
    const [open, done, rejected] = [aWorkRequest(), aWorkRequest(), aWorkRequest()];
    for (const r of [open, done, rejected]) await requestWork(fed, HANGZHOU, r);
    const doneId = (await workOrderOf(fed, HANGZHOU, done.segmentId)).id;
    const rejectedId = (await workOrderOf(fed, HANGZHOU, rejected.segmentId)).id;
    await workOrderOf(fed, HANGZHOU, open.segmentId);
    for (const [action, body] of [
      ['accept', { expectedCompletionDate: shanghaiDay(1) }],
      ['start', undefined],
      ['complete', { circuitId: 'HZ-EPL-9' }],
    ] as const) {
      expect((await act(hangzhou, doneId, action, body)).status).toBe(200);
    }
    const refused = await act(hangzhou, rejectedId, 'reject', { reason: '无空闲端口' });
    expect(refused.status).toBe(200);

    for (const r of [open, done, rejected])
      await cancelWork(fed, HANGZHOU, { ...ids(r), reason: '补偿：A 端失败' });
    const openReplies = await waitForReplies(fed, open.orderId, (r) => r.length === 2);
    expect(lines(openReplies)).toEqual(['1:acknowledged:v1', '1:cancelled:v2']);
    expect(openReplies[1]!.status.reason).toBe('补偿：A 端失败');
    const doneReplies = await waitForReplies(fed, done.orderId, (r) => r.length === 5);
    expect(doneReplies[4]!.status).toMatchObject({ state: 'cancelled', version: 5n, circuitId: 'HZ-EPL-9' });
    expect(doneReplies[4]!.status.reason).toBe('released: 补偿：A 端失败');
    const rejectedReplies = await waitForReplies(fed, rejected.orderId, (r) => r.length === 3);
    expect(lines(rejectedReplies)).toEqual(['1:acknowledged:v1', '1:rejected:v2', '1:rejected:v2']);
    expect(rejectedReplies[2]!.status.reason).toBe('无空闲端口');
  });

  it('takes the transit at the national node across provinces and at the province within one', async () => {
    const cross = aTransitRequest(HOME, HANGZHOU);
    await requestWork(fed, 'CN', cross);
    const crossReply = await waitForReplies(fed, cross.orderId, (r) => r.length === 1);
    expect(crossReply[0]).toMatchObject({ source: 'CN', status: { state: 'acknowledged', nodeCode: 'CN' } });

    const within = aTransitRequest('440100', HOME);
    await requestWork(fed, '440000', within);
    const withinReply = await waitForReplies(fed, within.orderId, (r) => r.length === 1);
    expect(withinReply[0]).toMatchObject({
      source: '440000',
      status: { state: 'acknowledged', nodeCode: '440000' },
    });

    // The province's engineer runs it; the national engineer reaches it too, a city's does not.
    const { id } = await workOrderOf(fed, '440000', within.segmentId);
    expect((await act(guangdong, id, 'accept', { expectedCompletionDate: shanghaiDay(4) })).status).toBe(200);
    expect((await getAt(guangdong, id, await engineer('CN'))).status).toBe(200);
    expect((await getAt(guangdong, id, await engineer(HOME))).status).toBe(404);
    const listed = await guangdong.request<unknown[]>('GET', '/api/v1/work-orders', {
      token: await engineer(HOME),
    });
    expect([listed.status, listed.headers.get('x-total-count')]).toEqual([200, '0']);
  });

  it('refuses a misaddressed segment on receipt: rejected is its first status', async () => {
    // The transit of a cross-province circuit sent to a province.
    const transit = aTransitRequest(HOME, HANGZHOU);
    await requestWork(fed, '440000', transit);
    const [transitReply] = await waitForReplies(fed, transit.orderId, (r) => r.length === 1);
    expect(transitReply!.status).toMatchObject({ state: 'rejected', version: 1n, nodeCode: '440000' });
    expect(transitReply!.status.reason).toMatch(/belongs to CN, not 440000/);

    // A Ningbo end sent to Hangzhou, with Ningbo's site contact: refused, and the contact not kept.
    const ningbo = aWorkRequest({
      zEndNode: '330200',
      site: {
        nodeCode: '330200',
        address: '宁波市海曙区',
        contactName: '宁波联系人',
        contactPhone: '13700001111',
      },
    });
    await requestWork(fed, HANGZHOU, ningbo);
    const [ningboReply] = await waitForReplies(fed, ningbo.orderId, (r) => r.length === 1);
    expect(ningboReply!.status.state).toBe('rejected');
    expect(ningboReply!.status.reason).toMatch(/belongs to 330200, not 330100/);
    const [row] = await fed.sql(
      HANGZHOU,
      'SELECT state, site_address, site_contact_name, site_contact_phone FROM one_stop_work_order WHERE segment_id = $1',
      [ningbo.segmentId],
    );
    expect(row).toEqual({
      state: 'rejected',
      site_address: null,
      site_contact_name: null,
      site_contact_phone: null,
    });

    const product = aWorkRequest({ product: 'sd_wan' });
    const bandwidth = aWorkRequest({ bandwidthMbps: 0 });
    await requestWork(fed, HANGZHOU, product);
    await requestWork(fed, HANGZHOU, bandwidth);
    for (const [r, reason] of [
      [product, /product "sd_wan"/],
      [bandwidth, /bandwidth 0 Mbps/],
    ] as const) {
      const [reply] = await waitForReplies(fed, r.orderId, (x) => x.length === 1);
      expect(reply!.status.state).toBe('rejected');
      expect(reply!.status.reason).toMatch(reason);
    }
  });

  it('answers an illegal move with 409 naming the state, and bad input with 400 naming the field', async () => {
    const request = aWorkRequest();
    await requestWork(fed, HANGZHOU, request);
    const { id } = await workOrderOf(fed, HANGZHOU, request.segmentId);
    for (const [action, body] of [
      ['start', undefined],
      ['complete', { circuitId: 'X1' }],
      ['resume', undefined],
      ['fail', { reason: 'x' }],
    ] as const) {
      const res = await act(hangzhou, id, action, body);
      expect([action, res.status]).toEqual([action, 409]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toMatch(/^state: the work order is acknowledged/);
    }
    const cases: [string, unknown, string][] = [
      ['accept', {}, 'expectedCompletionDate'],
      ['accept', { expectedCompletionDate: '2026-02-30' }, 'expectedCompletionDate'],
      ['accept', { expectedCompletionDate: shanghaiDay(-1) }, 'expectedCompletionDate'],
      ['accept', { expectedCompletionDate: shanghaiDay(1), note: 'x' }, 'note'],
      ['reject', {}, 'reason'],
      ['reject', { reason: '   ' }, 'reason'],
      ['reject', { reason: 'x'.repeat(501) }, 'reason'],
      ['pending', { reason: 42 }, 'reason'],
      ['fail', { reason: '' }, 'reason'],
      ['complete', {}, 'circuitId'],
      ['complete', { circuitId: 'has spaces' }, 'circuitId'],
      ['complete', { circuitId: 'C1', handover: 'x'.repeat(2001) }, 'handover'],
    ];
    for (const [action, body, field] of cases) {
      const res = await act(hangzhou, id, action, body);
      expect([action, body, res.status]).toEqual([action, body, 400]);
      expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    const badId = await act(hangzhou, 'not-a-uuid', 'start');
    expect([badId.status, badId.body.errors?.[0]?.field]).toEqual([400, 'id']);
    const token = await engineer(HANGZHOU);
    for (const [query, field] of [
      ['state=open', 'state'],
      ['role=middle', 'role'],
      ['orderId=x', 'orderId'],
      ['homeNode=SZ', 'homeNode'],
      ['limit=0', 'limit'],
    ]) {
      const res = await hangzhou.request<Problem>('GET', `/api/v1/work-orders?${query}`, { token });
      expect([query, res.status, res.body.errors?.[0]?.field]).toEqual([query, 400, field]);
    }
    expect((await act(hangzhou, randomUUID(), 'start')).status).toBe(404);
    // Nothing of it was written.
    expect((await getAt(hangzhou, id)).body).toMatchObject({ state: 'acknowledged', version: 1 });
    expect(
      await fed.count(HANGZHOU, 'SELECT count(*)::int AS n FROM audit_entry WHERE resource_id = $1', [id]),
    ).toBe(0);
  });

  it('lists this node’s work orders newest first, filtered, with their total', async () => {
    const orderId = randomUUID();
    const [a, b] = [aWorkRequest({ orderId }), aWorkRequest({ orderId, role: 'z_end', product: 'ddn' })];
    await requestWork(fed, HANGZHOU, a);
    await requestWork(fed, HANGZHOU, b);
    const token = await engineer(HANGZHOU);
    const res = await waitFor(
      'both work orders listed',
      () => hangzhou.request<WorkOrder[]>('GET', `/api/v1/work-orders?orderId=${orderId}`, { token }),
      (r) => r.status === 200 && r.body.length === 2,
    );
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(res.body.map((w) => w.id)).toEqual([...res.body.map((w) => w.id)].sort().reverse());
    const ddn = await hangzhou.request<WorkOrder[]>(
      'GET',
      `/api/v1/work-orders?orderId=${orderId}&product=ddn&state=acknowledged&role=z_end&homeNode=${HOME}&limit=1`,
      { token },
    );
    expect([ddn.body.length, ddn.headers.get('x-total-count')]).toEqual([1, '1']);
    // Staff of a node above see the work order with the contact masked.
    const hq = await tokenFor({ roles: 'hq_admin', node: 'CN' });
    const fromAbove = await hangzhou.request<WorkOrder[]>('GET', `/api/v1/work-orders?orderId=${orderId}`, {
      token: hq,
    });
    expect(fromAbove.status).toBe(200);
    for (const w of fromAbove.body) {
      expect(w.site?.contactPhone).toMatch(/^139\*+\d{4}$/);
      expect(w.site?.contactName).toMatch(/^现\*+$/);
    }
    expect(
      await metricValue(hangzhou, 'kaf_one_stop_work_orders_open', { state: 'acknowledged' }),
    ).toBeGreaterThanOrEqual(2);
    // A city elsewhere reaches nothing here.
    expect(
      (await hangzhou.request('GET', '/api/v1/work-orders', { token: await engineer(HOME) })).status,
    ).toBe(403);
  });

  it('dead-letters work and cancels from anyone but the home city', async () => {
    const request = aWorkRequest();
    const impostor = await requestWork(fed, HANGZHOU, request, '440100');
    const province = await requestWork(fed, HANGZHOU, { ...aWorkRequest(), homeNode: '440000' }, '440000');
    expect(await inboxOutcome(fed, HANGZHOU, impostor)).toBe('dead_lettered');
    expect(await inboxOutcome(fed, HANGZHOU, province)).toBe('dead_lettered');
    expect(
      await fed.count(HANGZHOU, 'SELECT count(*)::int AS n FROM one_stop_work_order WHERE segment_id = $1', [
        request.segmentId,
      ]),
    ).toBe(0);

    await requestWork(fed, HANGZHOU, request);
    await workOrderOf(fed, HANGZHOU, request.segmentId);
    const foreignCancel = await cancelWork(fed, HANGZHOU, ids(request), '440100');
    expect(await inboxOutcome(fed, HANGZHOU, foreignCancel)).toBe('dead_lettered');
    const [dead] = await fed.sql<{ reason: string }>(
      HANGZHOU,
      'SELECT reason FROM messaging_dead_letter WHERE message_id = $1',
      [foreignCancel],
    );
    expect(dead?.reason).toMatch(/may not cancel it/);
    expect((await workOrderOf(fed, HANGZHOU, request.segmentId)).state).toBe('acknowledged');
  });
});

function ids(r: { orderId: string; segmentId: string; attempt: number }) {
  return { orderId: r.orderId, segmentId: r.segmentId, attempt: r.attempt };
}

function pick(site: { contactName: string; contactPhone: string }) {
  return { contactName: site.contactName, contactPhone: site.contactPhone };
}
