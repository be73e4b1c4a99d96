import { Queue } from 'bullmq';
import { CircuitCompletedSchema, EscalationClosedSchema } from '@kaf/contracts';
import { aCustomerOf, aSalesTeam, shanghaiDay } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { inboxPayloads } from '../support/inbox-injection';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { sleep, waitFor } from '../support/wait';
import { anOrder, HOME, HomeCity, type OrderView } from './circuit-orders-support';

const SLA_SECONDS = 6;
const RECONCILE_MS = 2000;
const SLA_QUEUE = 'one-stop-sla-checks';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * SLA timers of the segments and the home city's resilience. The home city runs with a default
 * SLA of a few seconds (no policy published yet) and a short reconcile interval: a late segment
 * raises exactly one escalation at the right coordinator, whether its timer fires, was lost from
 * Redis while the node ran, or was lost while the node was down; a held order escalates nothing
 * until resumed; a home city killed mid-saga finishes the order after its restart; a timer the
 * release before durable deadlines left in Redis does no harm.
 */
describe('circuit order SLA timers and restarts', () => {
  const fed = new FederationFixture();
  let node: NodeProcess;
  let home: HomeCity;
  let customer: string;
  let queue: Queue;

  beforeAll(async () => {
    node = await fed.addNode(HOME, 'city', {
      ONE_STOP_DEFAULT_END_SLA_SECONDS: String(SLA_SECONDS),
      ONE_STOP_DEFAULT_TRANSIT_SLA_SECONDS: String(SLA_SECONDS),
      ONE_STOP_SLA_RECONCILE_MS: String(RECONCILE_MS),
    });
    await node.startAndWaitReady();
    home = new HomeCity(fed, node, await tokenFor({ roles: 'city_admin', node: HOME }));
    const { a } = await aSalesTeam(node);
    customer = await aCustomerOf(node, a);
    queue = new Queue(SLA_QUEUE, { prefix: `kaf:${fed.namespace}:${HOME}`, connection: { url: REDIS_URL } });
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await queue?.close();
    await fed.dispose();
  }, 120_000);

  const jobIds = (order: OrderView) => order.segments.map((s) => `check-segment-sla-${s.id}-a${s.attempt}`);
  const escalationsOf = (orderId: string) =>
    fed.sql<{ subject_id: string; attempt: number; holder_node: string; closed_why: string | null }>(
      HOME,
      `SELECT subject_id, (facts->>'attempt')::int AS attempt, holder_node, closed_why FROM raised_escalation
        WHERE subject_type = 'circuitSegment' AND reason = 'segmentOverdue' AND case_id = $1
        ORDER BY subject_id`,
      [orderId],
    );
  /** Long enough for every timer and a few reconcile passes to have run. */
  const pastDeadlines = () => sleep(SLA_SECONDS * 1000 + 3 * RECONCILE_MS);

  it('escalates each late segment once, to the national node across provinces and to the province within one', async () => {
    const cross = await home.create(anOrder(customer));
    const within = await home.create(
      anOrder(customer, {
        aEnd: { ...(anOrder(customer).aEnd as object), nodeCode: '330100' },
        zEnd: { ...(anOrder(customer).zEnd as object), nodeCode: '330200' },
      }),
    );
    expect(await Promise.all(jobIds(cross).map(async (id) => (await queue.getJob(id))?.delay))).toEqual([
      expect.any(Number),
      expect.any(Number),
      expect.any(Number),
    ]);
    // The A-end of the cross-province order is done in time: no escalation for it.
    await home.status(cross, 'a_end', 'acknowledged', 1);
    await home.status(cross, 'a_end', 'done', 2, { circuitId: 'GZ-1' });
    await home.status(cross, 'z_end', 'acknowledged', 1);
    await home.status(cross, 'z_end', 'inProgress', 2, { expectedCompletionDate: shanghaiDay(5) });

    const escalated = await home.waitOrder(
      cross.id,
      'two escalations',
      (o) => o.escalations.length === 2,
      30_000,
    );
    expect(escalated.escalations.map((e) => [e.role, e.attempt, e.coordinator])).toEqual(
      expect.arrayContaining([
        ['z_end', 1, 'CN'],
        ['transit', 1, 'CN'],
      ]),
    );
    await home.waitOrder(within.id, 'three escalations', (o) => o.escalations.length === 3, 30_000);
    await pastDeadlines();

    const atCn = await home.breaches('CN', cross.id);
    expect(atCn.map((b) => [b.role, b.attempt, b.segmentState]).sort()).toEqual([
      ['transit', 1, 'dispatched'],
      ['z_end', 1, 'inProgress'],
    ]);
    expect(new Set(atCn.map((b) => b.escalationId))).toEqual(new Set(escalated.escalations.map((e) => e.id)));
    expect((await home.breaches('330000', within.id)).map((b) => b.role).sort()).toEqual([
      'a_end',
      'transit',
      'z_end',
    ]);
    expect(await home.breaches('CN', within.id)).toEqual([]);
    expect(await escalationsOf(cross.id)).toHaveLength(2);

    // A re-dispatched segment gets a new timer of its own: one more escalation, for attempt 2.
    await home.redispatch(cross, 'z_end');
    await home.waitOrder(cross.id, 'z_end attempt 2 escalated', (o) => o.escalations.length === 3, 30_000);
    await pastDeadlines();
    expect((await escalationsOf(cross.id)).map((e) => e.attempt).sort()).toEqual([1, 1, 2]);
    expect(await home.breaches('CN', cross.id)).toHaveLength(3);
    // Carrying out the re-dispatch closed attempt 1's escalation, and told the coordinator.
    const zEnd = cross.segments.find((s) => s.role === 'z_end')!;
    expect((await escalationsOf(cross.id)).find((e) => e.subject_id === `${zEnd.id}/1`)).toMatchObject({
      holder_node: 'CN',
      closed_why: 'redispatched',
    });
    const closed = (await inboxPayloads(fed.namespace, 'CN', EscalationClosedSchema)).filter(
      (m) => m.payload.escalation?.caseId === cross.id,
    );
    expect(closed.map((m) => [m.payload.escalation?.subjectId, m.payload.why])).toEqual([
      [`${zEnd.id}/1`, 'redispatched'],
    ]);
  });

  it('escalates once when the timer is lost from Redis while the node runs', async () => {
    const order = await home.create(anOrder(customer));
    for (const id of jobIds(order)) await queue.remove(id);
    expect(await Promise.all(jobIds(order).map((id) => queue.getJob(id)))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    await home.waitOrder(order.id, 'escalated by the reconciler', (o) => o.escalations.length === 3, 30_000);
    await pastDeadlines();
    expect(await escalationsOf(order.id)).toHaveLength(3);
    expect(await home.breaches('CN', order.id)).toHaveLength(3);
  });

  it('escalates once after a restart when the timer was lost while the node was down', async () => {
    const order = await home.create(anOrder(customer));
    await node.kill();
    for (const id of jobIds(order)) await queue.remove(id);
    await sleep(SLA_SECONDS * 1000);
    await node.startAndWaitReady();
    await home.waitOrder(order.id, 'escalated at boot', (o) => o.escalations.length === 3, 30_000);
    // Another restart, and the reconcile scheduler, find nothing more to raise.
    await node.kill();
    await node.startAndWaitReady();
    await pastDeadlines();
    expect(await escalationsOf(order.id)).toHaveLength(3);
    expect(await home.breaches('CN', order.id)).toHaveLength(3);
  });

  it('escalates nothing while an order is held, and moves the deadlines on by the time held', async () => {
    const order = await home.create(anOrder(customer));
    const held = await node.request('POST', `/api/v1/circuit-orders/${order.id}/hold`, {
      token: home.token,
      body: { reason: '客户要求暂缓' },
    });
    expect(held.status).toBe(200);
    const heldAt = Date.now();
    await pastDeadlines();
    expect(await escalationsOf(order.id)).toEqual([]);
    const resumed = await node.request<OrderView>('POST', `/api/v1/circuit-orders/${order.id}/resume`, {
      token: home.token,
    });
    expect(resumed.body.state).toBe('acknowledged');
    const heldMs = Date.now() - heldAt;
    for (const [i, s] of resumed.body.segments.entries()) {
      const moved = Date.parse(s.deadline) - Date.parse(order.segments[i]!.deadline);
      expect(Math.abs(moved - heldMs)).toBeLessThan(2000);
    }
    await home.waitOrder(order.id, 'escalated after resuming', (o) => o.escalations.length === 3, 30_000);
    await pastDeadlines();
    expect(await home.breaches('CN', order.id)).toHaveLength(3);
  });

  it('finishes an order after the home city is killed mid-saga', async () => {
    const order = await home.create(anOrder(customer));
    for (const s of order.segments) {
      await home.status(order, s.role, 'acknowledged', 1);
      await home.status(order, s.role, 'accepted', 2, { expectedCompletionDate: shanghaiDay(3) });
    }
    await home.waitOrder(order.id, 'in progress', (o) => o.segments.every((s) => s.state === 'accepted'));
    await node.kill();
    for (const s of order.segments) {
      await home.status(order, s.role, 'inProgress', 3);
      await home.status(order, s.role, 'done', 4, { circuitId: `${s.nodeCode}-${s.role}` });
    }
    await node.startAndWaitReady();
    const done = await home.waitOrder(
      order.id,
      'completed after the restart',
      (o) => o.state === 'completed',
    );
    expect(done.segments.map((s) => s.state)).toEqual(['done', 'done', 'done']);
    await home.drained();
    const completed = (await inboxPayloads(fed.namespace, 'CN', CircuitCompletedSchema)).filter(
      (m) => m.payload.orderId === order.id,
    );
    expect(completed).toHaveLength(1);
    expect((await home.history(order.id)).filter((h) => h.segmentId === null).map((h) => h.toState)).toEqual([
      'acknowledged',
      'inProgress',
      'completed',
    ]);
  });

  it('puts a lost timer back while its deadline still lies ahead', async () => {
    const order = await home.create(anOrder(customer));
    const [first] = jobIds(order);
    await queue.remove(first!);
    const back = await waitFor(
      'job re-created',
      () => queue.getJob(first!),
      (job) => job !== undefined,
      SLA_SECONDS * 1000,
      100,
    );
    expect(back?.data).toEqual({ id: `${order.segments[0]!.id}-a1` });
  });

  it('does no harm with a timer left in Redis by the release before durable deadlines', async () => {
    const order = await home.create(anOrder(customer));
    const segment = order.segments[0]!;
    // The old scheduler's job: its own id and data, due at once, kept when done to be looked at.
    const old = await queue.add(
      'check-segment-sla',
      { segmentId: segment.id, attempt: segment.attempt },
      { jobId: `sla-${segment.id}-a${segment.attempt}`, removeOnComplete: false },
    );
    const finished = await waitFor(
      'old job finished',
      async () => ({ state: await old.getState(), job: await queue.getJob(old.id!) }),
      (r) => r.state === 'completed' || r.state === 'failed',
      10_000,
      100,
    );
    expect(finished.state).toBe('completed');
    expect(finished.job?.returnvalue).toEqual({ outcome: 'done' });
    expect(await escalationsOf(order.id)).toEqual([]);
    // The attempt's own timer still fires, once.
    await home.waitOrder(order.id, 'escalated on time', (o) => o.escalations.length === 3, 30_000);
    await pastDeadlines();
    expect(await escalationsOf(order.id)).toHaveLength(3);
    await queue.remove(old.id!);
  });
});
