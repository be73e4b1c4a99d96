import { FaultCheckAnsweredSchema } from '@kaf/contracts';
import type { ServicePolicyView } from '@kaf/service-policy';
import { aCustomerOf, aSalesTeam } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, type NodeProcess } from '../support/node-process';
import { inboxPayloads, sendAs } from '../support/inbox-injection';
import { readAllRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';
import {
  act,
  anOrderBody,
  engineerAt,
  placeOrder,
  setTariff,
  waitForOrder,
  waitForWorkOrder,
} from '../one-stop/one-stop-journey';
import { servicePolicyBody } from './policy-body';

/**
 * Faults on a one-stop circuit across two provinces: Shenzhen (home city, A-end), Hangzhou
 * (Z-end), the national node (transit and coordinator) and Guangdong (relays the service policy,
 * whose fault checks are due within one minute here). The circuit is built by a real order; a
 * fault ticket at Shenzhen sends a check to each node, answered by its own engineers.
 */

const HOME = '440300';
const FAR = '330100';
const REPORTER = { reporterName: '报障人王五', reporterPhone: '13800138000' };

interface CheckRow {
  id: string;
  kind: string;
  state: string;
  notes: string | null;
  faultCheck: { checkId: string; ticketId: string; result: string | null } | null;
}

interface FaultTicket {
  ticketId: string;
  status: string;
  orderId: string;
  restoredAt: string | null;
  checks: { nodeCode: string; state: string; round: number }[];
}

describe('fault checks on a one-stop circuit', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let home: NodeProcess;
  let far: NodeProcess;
  let customerId: string;
  let circuitId: string;
  let orderId: string;
  let desk: string;
  let hq: string;
  const contacts: string[] = [];

  const cityEnv = { STATUS_REPORT_INTERVAL_MS: '15000', ONE_STOP_SLA_RECONCILE_MS: '3000' };

  beforeAll(async () => {
    cn = await fed.addNode('CN', 'national', { ONE_STOP_SETTLEMENT_CHECK_MS: '0' });
    const guangdong = await fed.addNode('440000', 'province');
    home = await fed.addNode(HOME, 'city', cityEnv);
    far = await fed.addNode(FAR, 'city', cityEnv);
    await Promise.all([cn, guangdong, home, far].map((n) => n.startAndWaitReady()));
    hq = await tokenFor({ roles: 'hq_admin', node: 'CN', subject: 'HQ0001' });
    desk = await tokenFor({ roles: 'service_desk', node: HOME, subject: 'SD-440300-01' });

    // Fault checks due within a minute, so that a silent node is late within the suite.
    const policy = await cn.get<ServicePolicyView>('/api/v1/service-policy', hq);
    const put = await cn.request('PUT', '/api/v1/service-policy', {
      token: hq,
      body: servicePolicyBody({
        ...policy,
        returnVisitDays: 3,
        autoCloseDays: 7,
        faultCheckAnswerMinutes: 1,
      }),
    });
    expect([200, 201]).toContain(put.status);
    const cityAdmin = await tokenFor({ roles: 'city_admin', node: HOME });
    await waitFor(
      'the national service policy at the home city',
      () => home.get<{ faultCheckAnswerMinutes: number }>('/api/v1/service-policy', cityAdmin),
      (p) => p.faultCheckAnswerMinutes === 1,
    );

    const tariff = {
      oneTimeFen: '300000',
      monthlyBaseFen: '100000',
      monthlyPerMbpsFen: '2000',
      maxBandwidthMbps: 10_000,
    };
    for (const node of [home, far, cn]) await setTariff(node, 'ethernet_private_line', tariff);
    const manager = (await aSalesTeam(home)).a;
    customerId = await aCustomerOf(home, manager);
    const body = anOrderBody(customerId, HOME, FAR);
    for (const end of [body.aEnd, body.zEnd] as { contactName: string; contactPhone: string }[]) {
      contacts.push(end.contactName, end.contactPhone);
    }
    const order = await placeOrder(home, manager.token, body);
    orderId = order.id;
    for (const node of [home, far, cn]) {
      const w = await waitForWorkOrder(node, orderId, (x) => x.state === 'acknowledged', 'received');
      await act(node, w.id, 'accept', 'start', 'complete');
    }
    const done = await waitForOrder(
      home,
      manager.token,
      orderId,
      (o) => o.state === 'completed',
      'completed',
    );
    circuitId = (done as unknown as { circuitId: string }).circuitId;
    await waitFor(
      'the coordinator holds the completed order',
      () =>
        cn.sql<{ state: string }>(`SELECT state FROM coordinated_circuit_order WHERE order_id = $1`, [
          orderId,
        ]),
      (rows) => rows[0]?.state === 'completed',
    );
  }, BOOT_BUDGET_MS + 240_000);

  afterAll(() => fed.dispose(), 120_000);

  async function openFault(name: string): Promise<string> {
    const res = await home.request<{ id: string }>('POST', '/api/v1/trouble-tickets', {
      token: desk,
      body: {
        ticketType: 'fault',
        severity: 'major',
        name,
        description: '专线中断 circuit down since 09:10',
        channel: 'phone',
        customerId,
        circuitId,
        ...REPORTER,
      },
    });
    if (res.status !== 201) throw new Error(`ticket: ${res.status} ${res.text}`);
    return res.body.id;
  }

  async function checkAt(node: NodeProcess, ticketId: string): Promise<CheckRow> {
    const token = await engineerAt(node);
    const list = await waitFor(
      `fault check of ${ticketId} at ${node.spec.code}`,
      () => node.get<CheckRow[]>('/api/v1/work-orders?kind=faultCheck&limit=50', token),
      (rows) => rows.some((r) => r.faultCheck?.ticketId === ticketId),
    );
    return list.find((r) => r.faultCheck?.ticketId === ticketId)!;
  }

  /** Every fault check of the ticket at the node, one per round. */
  async function checksAt(node: NodeProcess, ticketId: string): Promise<CheckRow[]> {
    const rows = await node.get<CheckRow[]>(
      '/api/v1/work-orders?kind=faultCheck&limit=100',
      await engineerAt(node),
    );
    return rows.filter((r) => r.faultCheck?.ticketId === ticketId);
  }

  /** The ticket's check still waiting for an answer at the node (the latest round's). */
  async function openCheckAt(node: NodeProcess, ticketId: string): Promise<CheckRow> {
    const rows = await waitFor(
      `open fault check of ${ticketId} at ${node.spec.code}`,
      () => checksAt(node, ticketId),
      (all) => all.some((r) => r.state === 'acknowledged'),
    );
    return rows.find((r) => r.state === 'acknowledged')!;
  }

  async function answer(node: NodeProcess, id: string, action: string, note: string): Promise<number> {
    const res = await node.request('POST', `/api/v1/work-orders/${id}/${action}`, {
      token: await engineerAt(node),
      body: { note },
    });
    return res.status;
  }

  const ticketRow = (id: string) =>
    home.sql<{ status: string; restored_at: Date | null; notes: number }>(
      `SELECT status, restored_at, (SELECT count(*)::int FROM trouble_ticket_note n WHERE n.ticket_id = t.id) AS notes
         FROM trouble_ticket t WHERE id = $1`,
      [id],
    );

  /** Waits until the home city has applied the answer `state` of `nodes` to the round's checks. */
  const heardAtHome = (ticketId: string, round: number, nodes: string[], state: string) =>
    waitFor(
      `${nodes.join(', ')} answered ${state} at the home city`,
      () =>
        home.sql<{ node_code: string }>(
          `SELECT node_code FROM ticket_fault_check WHERE ticket_id = $1 AND round = $2 AND state = $3`,
          [ticketId, round, state],
        ),
      (rows) => nodes.every((n) => rows.some((r) => r.node_code === n)),
    );

  /** The ticket's row once it is marked restored. */
  const restored = async (id: string, what: string) =>
    (
      await waitFor(
        what,
        () => ticketRow(id),
        (r) => r[0]?.restored_at != null,
      )
    )[0]!;

  const faultAtCn = (ticketId: string, done: (t: FaultTicket) => boolean, what: string, timeoutMs = 60_000) =>
    waitFor(
      `coordinated fault ${ticketId}: ${what}`,
      async () =>
        (await cn.get<FaultTicket[]>(`/api/v1/coordinated-faults?orderId=${orderId}`, hq)).find(
          (t) => t.ticketId === ticketId,
        ),
      (t) => t !== undefined && done(t),
      timeoutMs,
    ) as Promise<FaultTicket>;

  let restoredTicket: string;

  it('checks every node carrying the circuit, each answered by its own engineers, and restores the ticket', async () => {
    restoredTicket = await openFault('深杭专线中断');
    const [atHome, atFar, atCn] = await Promise.all([
      checkAt(home, restoredTicket),
      checkAt(far, restoredTicket),
      checkAt(cn, restoredTicket),
    ]);
    expect(atFar).toMatchObject({
      kind: 'faultCheck',
      state: 'acknowledged',
      notes: '专线中断 circuit down since 09:10',
    });
    // An engineer of another node is refused here; provisioning actions do not apply to a check.
    const stranger = await tokenFor({ roles: 'provisioning_engineer', node: HOME, subject: 'ENG-X' });
    expect(
      (
        await far.request('POST', `/api/v1/work-orders/${atFar.id}/found`, {
          token: stranger,
          body: { note: 'x' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await far.request('POST', `/api/v1/work-orders/${atFar.id}/accept`, {
          token: await engineerAt(far),
          body: { expectedCompletionDate: '2099-01-01' },
        })
      ).status,
    ).toBe(409);
    expect(await answer(far, atFar.id, 'found', '')).toBe(400);

    expect(await answer(far, atFar.id, 'found', '杭州段光缆中断 fibre cut at HZ-WS-03')).toBe(200);
    await waitFor(
      'ticket in progress',
      () => ticketRow(restoredTicket),
      (r) => r[0]?.status === 'inProgress',
    );
    expect(await answer(home, atHome.id, 'not-found', '深圳段正常')).toBe(200);
    expect(await answer(cn, atCn.id, 'not-found', '干线正常')).toBe(200);
    // The answers travel as messages: the not-founds are in before the restoration, which would
    // otherwise cancel a check still waiting.
    await heardAtHome(restoredTicket, 1, [HOME, 'CN'], 'notFound');
    expect(await answer(far, atFar.id, 'restored', '熔接完成 spliced')).toBe(200);
    expect(await answer(far, atFar.id, 'restored', 'again')).toBe(409);
    const ticket = await restored(restoredTicket, 'ticket restored');
    expect(ticket).toMatchObject({ status: 'inProgress' });
    const audited = await far.sql<{ action: string }>(
      `SELECT action FROM audit_entry WHERE resource_id = $1 ORDER BY occurred_at`,
      [atFar.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['work-order.found', 'work-order.restored']);

    const seen = await faultAtCn(restoredTicket, (t) => t.restoredAt !== null, 'restored');
    expect(seen.status).toBe('inProgress');
    expect(seen.checks.map((c) => `${c.nodeCode}:${c.state}`).sort()).toEqual([
      `${FAR}:restored`,
      `${HOME}:notFound`,
      'CN:notFound',
    ]);
    const detail = await cn.get<{ faultTickets: FaultTicket[] }>(`/api/v1/coordinated-orders/${orderId}`, hq);
    expect(detail.faultTickets.map((t) => t.ticketId)).toContain(restoredTicket);
    // A province's staff at CN see it too, their province holding an end.
    const gd = await tokenFor({ roles: 'province_admin', node: '440000' });
    expect((await cn.get<FaultTicket[]>('/api/v1/coordinated-faults', gd)).map((t) => t.ticketId)).toContain(
      restoredTicket,
    );
  }, 180_000);

  it('counts a redelivered answer once', async () => {
    const sent = (await inboxPayloads(fed.namespace, HOME, FaultCheckAnsweredSchema)).find(
      (m) => m.payload.ticketId === restoredTicket && m.payload.result === 'found',
    )!;
    const [before] = await ticketRow(restoredTicket);
    const id = await sendAs(fed.namespace, FAR, HOME, FaultCheckAnsweredSchema, sent.payload, restoredTicket);
    await waitFor(
      'the copy handled',
      () => home.sql<{ outcome: string }>('SELECT outcome FROM messaging_inbox WHERE message_id = $1', [id]),
      (rows) => rows.length === 1,
    );
    expect(await ticketRow(restoredTicket)).toEqual([before]);
    const checks = await home.sql<{ state: string }>(
      `SELECT state FROM ticket_fault_check WHERE ticket_id = $1 AND node_code = $2`,
      [restoredTicket, FAR],
    );
    expect(checks).toEqual([{ state: 'restored' }]);
  }, 60_000);

  it('sends a new round of checks when the customer reopens the restored ticket, and restores it again', async () => {
    const ticketId = restoredTicket;
    const firstRound = await home.sql<{ id: string }>(
      `SELECT id FROM ticket_fault_check WHERE ticket_id = $1`,
      [ticketId],
    );
    expect(firstRound).toHaveLength(3);
    const resolved = await home.request('PATCH', `/api/v1/trouble-tickets/${ticketId}`, {
      token: desk,
      body: { status: 'resolved', statusChangeReason: '杭州段熔接完成' },
    });
    expect(resolved.status).toBe(200);
    await faultAtCn(ticketId, (t) => t.status === 'resolved', 'resolved');
    // The customer rejects the resolution at the return visit: the ticket is reopened.
    const visit = await home.request('POST', `/api/v1/trouble-tickets/${ticketId}/return-visit`, {
      token: desk,
      body: { satisfaction: 1, confirmed: false, comment: '专线仍然中断' },
    });
    expect(visit.status).toBe(201);
    const [reopened] = await ticketRow(ticketId);
    // Round 1's restoration no longer counts: the ticket is not restored.
    expect(reopened).toMatchObject({ status: 'inProgress', restored_at: null });
    // The reopen asked again finds the ticket in progress already: no third round (below).
    const again = await home.request('PATCH', `/api/v1/trouble-tickets/${ticketId}`, {
      token: desk,
      body: { status: 'inProgress', statusChangeReason: '专线仍然中断' },
    });
    expect(again.status).toBe(200);

    const rounds = await home.sql<{ round: number; node_code: string; state: string }>(
      `SELECT round, node_code, state FROM ticket_fault_check WHERE ticket_id = $1 ORDER BY round, node_code`,
      [ticketId],
    );
    // Round 1 as it was answered, round 2 waiting at every node (by round, then node code).
    const bothRounds = [
      `1:${FAR}:restored`,
      `1:${HOME}:notFound`,
      '1:CN:notFound',
      `2:${FAR}:sent`,
      `2:${HOME}:sent`,
      '2:CN:sent',
    ];
    expect(rounds.map((r) => `${r.round}:${r.node_code}:${r.state}`)).toEqual(bothRounds);
    // A round is sent once: the same reopen heard again finds its checks there and adds none.
    await expect(
      home.sql(
        `INSERT INTO ticket_fault_check (id, ticket_id, circuit_id, order_id, coordinator, round, segment_id,
                                         node_code, role, state, due_at)
         SELECT gen_random_uuid(), ticket_id, circuit_id, order_id, coordinator, round, segment_id, node_code,
                role, 'sent', due_at
           FROM ticket_fault_check WHERE ticket_id = $1 AND round = 2 LIMIT 1`,
        [ticketId],
      ),
    ).rejects.toThrow('ticket_fault_check_ticket_round_segment_key');
    const coordinated = await faultAtCn(
      ticketId,
      (t) => t.checks.filter((c) => c.round === 2).length === 3,
      'the second round',
    );
    expect(coordinated).toMatchObject({ status: 'inProgress', restoredAt: null });
    expect(coordinated.checks.map((c) => `${c.round}:${c.nodeCode}:${c.state}`).sort()).toEqual(
      [...bothRounds].sort(),
    );

    // Every node gets a new check, answered by its own engineers; the first round's stay done.
    const [atHome, atFar, atCn] = await Promise.all([
      openCheckAt(home, ticketId),
      openCheckAt(far, ticketId),
      openCheckAt(cn, ticketId),
    ]);
    for (const [node, check] of [
      [home, atHome],
      [far, atFar],
      [cn, atCn],
    ] as const) {
      const all = await checksAt(node, ticketId);
      expect(all.map((c) => c.state).sort()).toEqual(['acknowledged', 'done']);
      expect(all.filter((c) => c.id !== check.id)).toHaveLength(1);
    }
    expect(await answer(home, atHome.id, 'found', '深圳段端口告警 port flapping')).toBe(200);
    expect(await answer(far, atFar.id, 'not-found', '杭州段正常')).toBe(200);
    expect(await answer(cn, atCn.id, 'not-found', '干线正常')).toBe(200);
    await heardAtHome(ticketId, 2, [FAR, 'CN'], 'notFound');
    const [stillOpen] = await ticketRow(ticketId);
    expect(stillOpen?.restored_at).toBeNull();
    expect(await answer(home, atHome.id, 'restored', '更换光模块 optics replaced')).toBe(200);
    const again2 = await restored(ticketId, 'ticket restored again');
    expect(again2).toMatchObject({ status: 'inProgress' });
    const restoredAt = new Date(again2.restored_at!).getTime();
    expect(restoredAt).toBeGreaterThan(
      Date.parse((resolved.body as { resolutionDate: string }).resolutionDate),
    );
    const seen = await faultAtCn(ticketId, (t) => t.restoredAt !== null, 'restored again');
    expect(
      seen.checks
        .filter((c) => c.round === 2)
        .map((c) => `${c.nodeCode}:${c.state}`)
        .sort(),
    ).toEqual([`${FAR}:notFound`, `${HOME}:restored`, 'CN:notFound']);
  }, 180_000);

  it('escalates a node that does not answer in time to the coordinator', async () => {
    const ticketId = await openFault('深杭专线误码');
    const [atHome, atCn] = await Promise.all([checkAt(home, ticketId), checkAt(cn, ticketId)]);
    const atFar = await checkAt(far, ticketId);
    expect(await answer(home, atHome.id, 'not-found', '深圳段正常')).toBe(200);
    expect(await answer(cn, atCn.id, 'not-found', '干线正常')).toBe(200);
    const seen = await faultAtCn(
      ticketId,
      (t) => t.checks.some((c) => c.state === 'overdue'),
      'overdue',
      150_000,
    );
    expect(seen.checks.find((c) => c.state === 'overdue')?.nodeCode).toBe(FAR);
    const escalations = await waitFor(
      'the escalation at CN',
      () =>
        cn.get<{ subjectType: string; reason: string; caseId: string }[]>(
          '/api/v1/escalations?subjectType=faultCheck&limit=50',
          hq,
        ),
      (rows) => rows.some((e) => e.caseId === ticketId),
    );
    expect(escalations.filter((e) => e.caseId === ticketId)).toEqual([
      expect.objectContaining({ subjectType: 'faultCheck', reason: 'checkOverdue', status: 'open' }),
    ]);
    // The silent node answers at last: its escalation closes at the coordinator.
    expect(await answer(far, atFar.id, 'not-found', '杭州段正常')).toBe(200);
    await waitFor(
      'the escalation closed at CN',
      () =>
        cn.get<{ caseId: string; status: string }[]>(
          '/api/v1/escalations?subjectType=faultCheck&limit=50',
          hq,
        ),
      (rows) => rows.some((e) => e.caseId === ticketId && e.status === 'closed'),
    );
  }, 300_000);

  it('sends no personal data to other nodes: no reporter, no site contact', async () => {
    for (const node of ['CN', FAR]) {
      const text = (await readAllRecords(`${fed.namespace}.${node}.in`))
        .map((r) => r.value.toString('utf8'))
        .join('\n');
      expect(text).toContain(restoredTicket);
      for (const value of [REPORTER.reporterName, REPORTER.reporterPhone]) expect(text).not.toContain(value);
    }
    const cnText = (await readAllRecords(`${fed.namespace}.CN.in`))
      .map((r) => r.value.toString('utf8'))
      .join('\n');
    for (const value of contacts) expect(cnText).not.toContain(value);
  }, 120_000);
});
