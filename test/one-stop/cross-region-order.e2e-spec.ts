import { randomUUID } from 'node:crypto';
import { CIRCUIT_PRODUCTS } from '@kaf/one-stop';
import { addMonths, billingMonthOf } from '@kaf/platform';
import { aCustomerOf, aSalesTeam, type Manager, shanghaiDay } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_BUDGET_MS, type NodeProcess } from '../support/node-process';
import { readAllRecords } from '../support/topic-reader';
import { sleep, waitFor } from '../support/wait';
import {
  act,
  aSite,
  anOrderBody,
  engineerAt,
  orderAt,
  type OrderRow,
  placeOrder,
  setTariff,
  waitForOrder,
  waitForWorkOrder,
  workOrdersAt,
} from './one-stop-journey';
import { expectEvery } from '../support/expectations';

/**
 * One-stop circuit orders across four real node processes: Shenzhen (home city, A-end) in
 * Guangdong, Hangzhou (Z-end) in Zhejiang, the national node (transit, coordinator, settlement)
 * and Guangdong's province (coordinator of orders inside Guangdong). Zhejiang's province runs no
 * process: what is addressed to it waits in its topic.
 */

const HOME = '440300';
const FAR = '330100';
/** SLA of every segment until the national policy is published (short, so that breaches happen). */
const SLA_SECONDS = 25;
const RECONCILE_MS = 2000;
const QUOTE_REPLY_SECONDS = 20;
/** A city of the topology that runs no process here: it never answers. */
const SILENT = '330200';

interface SettlementRecord {
  circuitId: string;
  orderId: string;
  role: string;
  regionCode: string;
  shareBp: number;
  amountFen: string;
  billingMonth: string;
}

interface Escalation {
  orderId: string;
  segmentId: string;
  attempt: number;
  status: string;
}

function shanghaiMonth(): string {
  return billingMonthOf(new Date());
}

/** What a month is charged by days, in service: half up to the fen. */
function byDays(parts: { monthlyFen: bigint; days: number }[], daysInMonth: number): bigint {
  const exact = parts.reduce((acc, p) => acc + p.monthlyFen * BigInt(p.days), 0n);
  const d = BigInt(daysInMonth);
  return (2n * exact + d) / (2n * d);
}

function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m, 0)).getUTCDate();
}

describe('one-stop circuit orders across the federation', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let guangdong: NodeProcess;
  let home: NodeProcess;
  let far: NodeProcess;
  let manager: Manager;
  let customerId: string;
  let hq: string;
  let gdAdmin: string;

  const quiet = { STATUS_REPORT_INTERVAL_MS: '15000' };

  beforeAll(async () => {
    // Every segment answer of a quote is due within this many seconds (the policy's default here).
    const quoteReply = { ONE_STOP_DEFAULT_QUOTE_REPLY_SECONDS: String(QUOTE_REPLY_SECONDS) };
    cn = await fed.addNode('CN', 'national', { ...quiet, ...quoteReply, ONE_STOP_SETTLEMENT_CHECK_MS: '0' });
    guangdong = await fed.addNode('440000', 'province', quiet);
    const cityEnv = {
      ...quiet,
      ...quoteReply,
      ONE_STOP_DEFAULT_END_SLA_SECONDS: String(SLA_SECONDS),
      ONE_STOP_DEFAULT_TRANSIT_SLA_SECONDS: String(SLA_SECONDS),
      ONE_STOP_SLA_RECONCILE_MS: String(RECONCILE_MS),
    };
    home = await fed.addNode(HOME, 'city', cityEnv);
    far = await fed.addNode(FAR, 'city', cityEnv);
    await Promise.all([cn, guangdong, home, far].map((n) => n.startAndWaitReady()));

    manager = (await aSalesTeam(home)).a;
    customerId = await aCustomerOf(home, manager);
    hq = await tokenFor({ roles: 'hq_admin', node: 'CN' });
    gdAdmin = await tokenFor({ roles: 'province_admin', node: '440000' });
    const tariff = {
      oneTimeFen: '300000',
      monthlyBaseFen: '100000',
      monthlyPerMbpsFen: '2000',
      maxBandwidthMbps: 10_000,
    };
    for (const node of [home, far, cn, guangdong]) {
      await setTariff(node, 'ethernet_private_line', tariff);
      await setTariff(node, 'ddn', tariff);
    }
  }, BOOT_BUDGET_MS + 120_000);

  afterAll(() => fed.dispose(), 120_000);

  let completed: OrderRow;

  /** A quote of a 100 Mbps Ethernet private line from the home city to `zEndNodeCode`. */
  const askQuote = (zEndNodeCode: string) =>
    home.request<{ id: string }>('POST', '/api/v1/circuit-quotes', {
      token: manager.token,
      body: {
        customerId,
        product: 'ethernet_private_line',
        bandwidthMbps: 100,
        aEndNodeCode: HOME,
        zEndNodeCode,
      },
    });

  it(
    'completes a quoted cross-province order end to end, through a Z-end city killed mid-work',
    async () => {
      // Quote: each segment node prices its part; the home city sums them.
      const quote = await askQuote(FAR);
      expect(quote.status).toBe(201);
      const quoted = await waitFor(
        'quote answered by three nodes',
        () =>
          home.request<{ state: string; oneTimeTotalFen: string; monthlyTotalFen: string; lines: unknown[] }>(
            'GET',
            `/api/v1/circuit-quotes/${quote.body.id}`,
            { token: manager.token },
          ),
        (r) => r.body.state === 'quoted',
      );
      expect(quoted.body.lines).toHaveLength(3);
      // Three nodes at 100000 + 2000 × 100 a month and 300000 once.
      expect(quoted.body).toMatchObject({ oneTimeTotalFen: '900000', monthlyTotalFen: '900000' });
      const accepted = await home.request('POST', `/api/v1/circuit-quotes/${quote.body.id}/accept`, {
        token: manager.token,
      });
      expect(accepted.status).toBe(200);

      const { oneTimeChargeFen: _o, monthlyChargeFen: _m, ...rest } = anOrderBody(customerId, HOME, FAR);
      const order = await placeOrder(home, manager.token, { ...rest, quoteId: quote.body.id });
      expect(order.state).toBe('acknowledged');
      expect(order.monthlyChargeFen).toBe('900000');
      expect(order.coordinator).toBe('CN');
      expect(order.segments.map((s) => `${s.role}@${s.nodeCode}`).sort()).toEqual([
        `a_end@${HOME}`,
        'transit@CN',
        `z_end@${FAR}`,
      ]);

      // Every segment becomes a work order at its node.
      const aWork = await waitForWorkOrder(home, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
      const zWork = await waitForWorkOrder(far, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
      const tWork = await waitForWorkOrder(cn, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
      await waitForOrder(
        home,
        manager.token,
        order.id,
        (o) => o.segments.every((s) => s.state === 'acknowledged'),
        'acknowledged',
      );

      await act(home, aWork.id, 'accept', 'start', 'complete');
      await act(cn, tWork.id, 'accept', 'start', 'complete');
      await act(far, zWork.id, 'accept', 'start');
      const inProgress = await waitForOrder(
        home,
        manager.token,
        order.id,
        (o) => o.state === 'inProgress',
        'in progress',
      );
      expect(inProgress.expectedCompletionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // Hangzhou dies holding its segment, comes back and finishes it.
      await far.kill();
      await far.startAndWaitReady();
      const [zAfter] = await workOrdersAt(far, order.id);
      expect(zAfter?.state).toBe('inProgress');
      await act(far, zWork.id, 'complete');

      completed = await waitForOrder(
        home,
        manager.token,
        order.id,
        (o) => o.state === 'completed',
        'completed',
      );
      expect(completed.completionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expectEvery(
        completed.segments,
        (s) => s.state === 'done' && s.circuitId,
        'segments done with a circuit',
      );

      const history = await home.request<{ toState?: string; to?: string; state?: string }[]>(
        'GET',
        `/api/v1/circuit-orders/${order.id}/state-changes`,
        { token: manager.token },
      );
      expect(history.status).toBe(200);
      expect(JSON.stringify(history.body)).toContain('inProgress');
      expect(JSON.stringify(history.body)).toContain('completed');

      const circuits = await home.request<{ orderId: string }[]>(
        'GET',
        `/api/v1/customers/${customerId}/circuits`,
        {
          token: manager.token,
        },
      );
      expect(circuits.body.map((c) => c.orderId)).toContain(order.id);

      // The national coordinator saw it through.
      await waitFor(
        'the coordinator holds the completed order',
        () => cn.request<{ state: string }>('GET', `/api/v1/coordinated-orders/${order.id}`, { token: hq }),
        (r) => r.status === 200 && r.body.state === 'completed',
      );
    },
    BOOT_BUDGET_MS + 120_000,
  );

  /**
   * A circuit completed on `completionDate` and never changed: its charge for the month it was
   * completed in, by days in service (the completion day counts), half up to the fen.
   */
  const firstMonthCharge = (monthlyFen: bigint, completionDate: string): bigint => {
    const days = daysIn(completionDate.slice(0, 7));
    return byDays([{ monthlyFen, days: days - Number(completionDate.slice(8, 10)) + 1 }], days);
  };

  it('settles a month of the completed circuit between the regions, to the fen', async () => {
    const month = shanghaiMonth();
    await waitFor(
      'the national node holds the circuit',
      () => cn.request('POST', '/api/v1/settlement-runs', { token: hq, body: { billingMonth: month } }),
      (r) => r.status === 201,
    );
    const records = await waitFor(
      'settlement records of the order',
      () =>
        cn.request<SettlementRecord[]>(
          'GET',
          `/api/v1/settlement-records?orderId=${completed.id}&billingMonth=${month}`,
          {
            token: hq,
          },
        ),
      (r) => r.status === 200 && r.body.length === 3,
    );
    const byRole = Object.fromEntries(records.body.map((r) => [r.role, r]));
    expect(byRole.a_end).toMatchObject({ regionCode: '440000', shareBp: 4500 });
    expect(byRole.z_end).toMatchObject({ regionCode: '330000', shareBp: 4500 });
    expect(byRole.transit).toMatchObject({ regionCode: 'CN', shareBp: 1000 });
    const sum = records.body.reduce((acc, r) => acc + BigInt(r.amountFen), 0n);
    expect(sum).toBe(firstMonthCharge(BigInt(completed.monthlyChargeFen), completed.completionDate!));

    // Settled revenue by region feeds the national analytics.
    const byRegion = await cn.request<{ regionCode?: string; region?: string; amountFen?: string }[]>(
      'GET',
      `/api/v1/analytics/one-stop-settlement?from=${month}&to=${month}&groupBy=region`,
      { token: await tokenFor({ roles: 'hq_analyst', node: 'CN' }) },
    );
    expect(byRegion.status).toBe(200);
    expect(JSON.stringify(byRegion.body)).toContain('330000');
  }, 120_000);

  it('fails the order with the reason when the Z-end rejects, and cancels the A-end and transit segments', async () => {
    const order = await placeOrder(home, manager.token, anOrderBody(customerId, HOME, FAR));
    const aWork = await waitForWorkOrder(home, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
    await waitForWorkOrder(cn, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
    const zWork = await waitForWorkOrder(far, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
    await act(home, aWork.id, 'accept', 'start');
    // Staff quote the site contact's number: the home city reads it, the national coordinator does not.
    await act(far, zWork.id, 'reject:no fibre to the building, site contact 139 1234 5678');

    const failed = await waitForOrder(home, manager.token, order.id, (o) => o.state === 'failed', 'failed');
    expect(failed.stateReason).toContain('no fibre to the building, site contact 139 1234 5678');
    expect(failed.stateReason).toContain(FAR);
    const coordinated = await waitFor(
      'the failure at the national coordinator',
      () =>
        cn.request<{ state: string; stateReason: string }>('GET', `/api/v1/coordinated-orders/${order.id}`, {
          token: hq,
        }),
      (r) => r.status === 200 && r.body.state === 'failed',
    );
    expect(coordinated.body.stateReason).toContain('no fibre to the building, site contact [withheld]');
    await waitForWorkOrder(home, order.id, (w) => w.state === 'cancelled', 'A-end cancelled');
    await waitForWorkOrder(cn, order.id, (w) => w.state === 'cancelled', 'transit cancelled');
    const settled = await waitForOrder(
      home,
      manager.token,
      order.id,
      (o) => o.segments.filter((s) => s.role !== 'z_end').every((s) => s.state === 'cancelled'),
      'compensation confirmed',
    );
    expect(settled.state).toBe('failed');
    expect(settled.segments.find((s) => s.role === 'z_end')?.state).toBe('rejected');
  }, 180_000);

  it('raises exactly one escalation per breached segment at the right coordinator, and re-dispatches on its word', async () => {
    const cross = await placeOrder(
      home,
      manager.token,
      anOrderBody(customerId, HOME, FAR, { product: 'ddn' }),
    );
    const inProvince = await placeOrder(
      home,
      manager.token,
      anOrderBody(customerId, HOME, HOME, { product: 'ddn' }),
    );
    expect(inProvince.coordinator).toBe('440000');
    // The A-end of the cross-province order is done in time; the others breach.
    const aWork = await waitForWorkOrder(home, cross.id, (w) => w.state === 'acknowledged', 'acknowledged');
    await act(home, aWork.id, 'accept', 'start', 'complete');

    const escalationsAt = async (node: NodeProcess, token: string, orderId: string) => {
      const res = await node.request<Escalation[]>(
        'GET',
        `/api/v1/one-stop-escalations?orderId=${orderId}&limit=100`,
        {
          token,
        },
      );
      if (res.status !== 200) throw new Error(`escalations at ${node.spec.code}: ${res.status} ${res.text}`);
      return res.body;
    };
    await waitFor(
      'breaches of the cross-province order at CN',
      () => escalationsAt(cn, hq, cross.id),
      (list) => list.length >= 2,
      (SLA_SECONDS + 30) * 1000,
    );
    await waitFor(
      'breaches of the in-province order at Guangdong',
      () => escalationsAt(guangdong, gdAdmin, inProvince.id),
      (list) => list.length >= 2,
      (SLA_SECONDS + 30) * 1000,
    );
    // Several reconcile rounds later, still one per segment attempt, and none at the wrong coordinator.
    await sleep(3 * RECONCILE_MS);
    const atCn = await escalationsAt(cn, hq, cross.id);
    expect(atCn.map((e) => e.segmentId).sort()).toEqual(
      cross.segments
        .filter((s) => s.role !== 'a_end')
        .map((s) => s.id)
        .sort(),
    );
    expect(await escalationsAt(guangdong, gdAdmin, cross.id)).toEqual([]);
    expect((await escalationsAt(guangdong, gdAdmin, inProvince.id)).map((e) => e.segmentId).sort()).toEqual(
      inProvince.segments.map((s) => s.id).sort(),
    );
    expect(await escalationsAt(cn, hq, inProvince.id)).toEqual([]);
    const homeView = await orderAt(home, manager.token, cross.id);
    expect(homeView.escalations).toHaveLength(2);

    // The national coordinator re-dispatches the stuck Z-end: attempt 2 at Hangzhou, attempt 1 cancelled.
    const zSegment = cross.segments.find((s) => s.role === 'z_end')!;
    const redispatch = await cn.request(
      'POST',
      `/api/v1/coordinated-orders/${cross.id}/segments/${zSegment.id}/redispatch`,
      { token: hq, body: { reason: 'crew reassigned' } },
    );
    expect(redispatch.status).toBe(202);
    await waitForWorkOrder(far, cross.id, (w) => w.attempt === 2 && w.state === 'acknowledged', 'attempt 2');
    await waitForWorkOrder(
      far,
      cross.id,
      (w) => w.attempt === 1 && w.state === 'cancelled',
      'attempt 1 cancelled',
    );
    const after = await waitForOrder(
      home,
      manager.token,
      cross.id,
      (o) => o.segments.find((s) => s.role === 'z_end')?.attempt === 2,
      're-dispatched',
    );
    expect(after.state).not.toBe('failed');
  }, 240_000);

  it('applies a national settlement override to circuits settled after it, and keeps earlier records', async () => {
    const policy = await cn.request('PUT', '/api/v1/one-stop-policy', {
      token: hq,
      body: {
        slas: CIRCUIT_PRODUCTS.map((product) => ({
          product,
          endSegmentSeconds: 86_400,
          transitSegmentSeconds: 86_400,
        })),
        transitShareBp: 1000,
        overrides: [
          {
            product: 'ethernet_private_line',
            aEndProvince: '440000',
            zEndProvince: '330000',
            aEndBp: 4000,
            zEndBp: 3333,
            transitBp: 2667,
          },
        ],
      },
    });
    expect([200, 201]).toContain(policy.status);

    const order = await placeOrder(
      home,
      manager.token,
      anOrderBody(customerId, HOME, FAR, { monthlyChargeFen: '1000001' }),
    );
    for (const node of [home, far, cn]) {
      const work = await waitForWorkOrder(node, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
      await act(node, work.id, 'accept', 'start', 'complete');
    }
    const done = await waitForOrder(
      home,
      manager.token,
      order.id,
      (o) => o.state === 'completed',
      'completed',
    );

    const month = shanghaiMonth();
    const records = await waitFor(
      'the new circuit settled',
      async () => {
        await cn.request('POST', '/api/v1/settlement-runs', { token: hq, body: { billingMonth: month } });
        return cn.request<SettlementRecord[]>('GET', `/api/v1/settlement-records?orderId=${order.id}`, {
          token: hq,
        });
      },
      (r) => r.status === 200 && r.body.length === 3,
    );
    const byRole = Object.fromEntries(records.body.map((r) => [r.role, r]));
    expect(byRole.a_end?.shareBp).toBe(4000);
    expect(byRole.z_end?.shareBp).toBe(3333);
    expect(byRole.transit?.shareBp).toBe(2667);
    expect(records.body.reduce((acc, r) => acc + BigInt(r.amountFen), 0n)).toBe(
      firstMonthCharge(1_000_001n, done.completionDate!),
    );

    const earlier = await cn.request<SettlementRecord[]>(
      'GET',
      `/api/v1/settlement-records?orderId=${completed.id}`,
      {
        token: hq,
      },
    );
    expect(earlier.body.map((r) => r.shareBp).sort()).toEqual([1000, 4500, 4500]);
  }, 180_000);

  // ---- Circuits that change and end (ADR 0038, 0039) ----

  interface CircuitRow {
    circuitId: string;
    state: string;
    version: number;
    bandwidthMbps: number;
    circuitIds: string[];
    monthlyChargeFen: string;
    ceasedOn: string | null;
    pendingOrderId: string | null;
    versions?: {
      version: number;
      action: string;
      orderId: string;
      bandwidthMbps: number;
      effectiveDate: string;
    }[];
  }

  async function circuitOf(circuitId: string): Promise<CircuitRow> {
    const res = await home.request<CircuitRow>('GET', `/api/v1/customers/${changer}/circuits/${circuitId}`, {
      token: manager.token,
    });
    if (res.status !== 200) throw new Error(`circuit ${circuitId}: ${res.status} ${res.text}`);
    return res.body;
  }

  /** Places an order and has every node carrying a segment complete it. */
  async function completeOrder(
    body: Record<string, unknown>,
    nodes: NodeProcess[],
  ): Promise<OrderRow & { circuitId: string }> {
    const order = await placeOrder(home, manager.token, body);
    for (const node of nodes) {
      const work = await waitForWorkOrder(node, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
      await act(node, work.id, 'accept', 'start', 'complete');
    }
    await waitForOrder(home, manager.token, order.id, (o) => o.state === 'completed', 'completed');
    return order as OrderRow & { circuitId: string };
  }

  /** Records of one circuit at CN for a month, and their sum. */
  async function settledAtCn(
    circuitId: string,
    month: string,
  ): Promise<{ records: SettlementRecord[]; sum: bigint }> {
    const run = await cn.request('POST', '/api/v1/settlement-runs', {
      token: hq,
      body: { billingMonth: month },
    });
    expect(run.status).toBe(201);
    const res = await cn.request<SettlementRecord[]>(
      'GET',
      `/api/v1/settlement-records?circuitId=${circuitId}&billingMonth=${month}&limit=500`,
      { token: hq },
    );
    expect(res.status).toBe(200);
    return { records: res.body, sum: res.body.reduce((acc, r) => acc + BigInt(r.amountFen), 0n) };
  }

  let upgraded: string;
  /** A customer of its own, so that ceasing its circuit lets it be churned. */
  let changer: string;

  it('upgrades a circuit in service mid-month: one change at a time, every carrying node works it, CN settles the month by days to the fen', async () => {
    changer = await aCustomerOf(home, manager);
    const added = await completeOrder(
      anOrderBody(changer, HOME, FAR, { monthlyChargeFen: '1000000', oneTimeChargeFen: '0' }),
      [home, far, cn],
    );
    upgraded = added.circuitId;
    const before = await circuitOf(upgraded);
    expect(before).toMatchObject({
      state: 'inService',
      version: 1,
      bandwidthMbps: 100,
      monthlyChargeFen: '1000000',
    });

    // Beyond the home city's own tariff limit (10,000 Mbps): refused at once, naming the field.
    const tooWide = await home.request<{ errors: { field: string }[] }>('POST', '/api/v1/circuit-orders', {
      token: manager.token,
      body: {
        customerId: changer,
        action: 'modify',
        circuitId: upgraded,
        bandwidthMbps: 20_000,
        requestedCompletionDate: shanghaiDay(10),
        monthlyChargeFen: '2000000',
        oneTimeChargeFen: '0',
      },
    });
    expect(tooWide.status).toBe(400);
    expect(tooWide.body.errors.map((e) => e.field)).toEqual(['bandwidthMbps']);

    // Two changes sent together: one is taken, the other refused while it is in flight.
    const change = (bandwidthMbps: number) =>
      home.request<OrderRow & { action: string; circuitId: string; bandwidthMbps: number }>(
        'POST',
        '/api/v1/circuit-orders',
        {
          token: manager.token,
          body: {
            customerId: changer,
            action: 'modify',
            circuitId: upgraded,
            bandwidthMbps,
            requestedCompletionDate: shanghaiDay(10),
            monthlyChargeFen: '2345678',
            oneTimeChargeFen: '50000',
          },
        },
      );
    const both = await Promise.all([change(500), change(600)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const taken = both.find((r) => r.status === 201)!.body;
    expect(taken).toMatchObject({ action: 'modify', circuitId: upgraded, state: 'acknowledged' });
    expect((await circuitOf(upgraded)).pendingOrderId).toBe(taken.id);

    for (const node of [home, far, cn]) {
      const work = await waitForWorkOrder(node, taken.id, (w) => w.state === 'acknowledged', 'acknowledged');
      expect(work).toMatchObject({ action: 'modify', circuitRef: upgraded });
      // A change keeps the segment in service: completing names no new circuit id.
      const token = await engineerAt(node);
      for (const [step, body] of [
        ['accept', { expectedCompletionDate: shanghaiDay(5) }],
        ['start', undefined],
        ['complete', { handover: 'bandwidth raised on the same port' }],
      ] as const) {
        const res = await node.request('POST', `/api/v1/work-orders/${work.id}/${step}`, {
          token,
          ...(body ? { body } : {}),
        });
        expect(res.status).toBe(200);
      }
    }
    const done = await waitForOrder(
      home,
      manager.token,
      taken.id,
      (o) => o.state === 'completed',
      'completed',
    );
    const after = await circuitOf(upgraded);
    expect(after).toMatchObject({
      version: 2,
      bandwidthMbps: taken.bandwidthMbps,
      monthlyChargeFen: '2345678',
    });
    expect(after.pendingOrderId).toBeNull();
    expect(after.circuitIds).toEqual(before.circuitIds);
    expect(after.versions!.map((v) => [v.version, v.action, v.orderId])).toEqual([
      [1, 'add', added.id],
      [2, 'modify', taken.id],
    ]);

    // CN: the circuit has been in service since the 1st of last month (its first version
    // moved back there), the upgrade takes effect on its completion day.
    const month = shanghaiMonth();
    const firstDay = `${addMonths(month, -1)}-01`;
    await waitFor(
      'CN holds both versions',
      () =>
        cn.sql<{ n: number }>(
          'SELECT count(*)::int AS n FROM one_stop_circuit_version WHERE circuit_id = $1',
          [upgraded],
        ),
      (rows) => rows[0]!.n === 2,
    );
    await cn.sql(
      'UPDATE one_stop_circuit_version SET effective_date = $2 WHERE circuit_id = $1 AND version = 1',
      [upgraded, firstDay],
    );
    await cn.sql('UPDATE one_stop_circuit SET first_billing_month = $2 WHERE circuit_id = $1', [
      upgraded,
      firstDay.slice(0, 7),
    ]);
    const upgradeDay = Number(done.completionDate!.slice(8, 10));
    const { records, sum } = await settledAtCn(upgraded, month);
    const expected = byDays(
      [
        { monthlyFen: 1_000_000n, days: upgradeDay - 1 },
        { monthlyFen: 2_345_678n, days: daysIn(month) - upgradeDay + 1 },
      ],
      daysIn(month),
    );
    expect(sum).toBe(expected);
    expect(records.map((r) => r.role).sort()).toEqual(['a_end', 'transit', 'z_end']);
    // Last month, settled late, is the first version's whole month.
    expect((await settledAtCn(upgraded, addMonths(month, -1))).sum).toBe(1_000_000n);
  }, 300_000);

  it('fails a relocation at the new site and leaves the circuit as it was', async () => {
    const before = await circuitOf(upgraded);
    const moved = aSite(FAR);
    const order = await placeOrder(home, manager.token, {
      customerId: changer,
      action: 'modify',
      circuitId: upgraded,
      zEnd: moved,
      requestedCompletionDate: shanghaiDay(10),
      monthlyChargeFen: before.monthlyChargeFen,
      oneTimeChargeFen: '80000',
    });
    // Only the moved end's city works a relocation; the new site's contact goes to it alone.
    const work = await waitForWorkOrder(far, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
    expect(work).toMatchObject({ role: 'z_end', action: 'modify' });
    const seen = await far.request<{ site: { contactPhone: string } }>(
      'GET',
      `/api/v1/work-orders/${work.id}`,
      {
        token: await engineerAt(far),
      },
    );
    expect(seen.body.site.contactPhone).toBe(moved.contactPhone);
    await act(far, work.id, 'reject:新址无光纤资源');
    const failed = await waitForOrder(home, manager.token, order.id, (o) => o.state === 'failed', 'failed');
    expect(failed.stateReason).toContain('新址无光纤资源');
    expect(await workOrdersAt(home, order.id)).toEqual([]);
    expect(await workOrdersAt(cn, order.id)).toEqual([]);
    const after = await circuitOf(upgraded);
    expect(after).toMatchObject({
      version: before.version,
      bandwidthMbps: before.bandwidthMbps,
      circuitIds: before.circuitIds,
      monthlyChargeFen: before.monthlyChargeFen,
      pendingOrderId: null,
      state: 'inService',
    });
  }, 180_000);

  it('cancels a pending change and frees the circuit for the next one', async () => {
    const before = await circuitOf(upgraded);
    // A circuit that is not this customer's, and a customer this city does not hold: not found.
    const change = {
      action: 'modify',
      bandwidthMbps: 200,
      requestedCompletionDate: shanghaiDay(10),
      oneTimeChargeFen: '0',
      monthlyChargeFen: '1',
    };
    const strangers = await Promise.all([
      home.request('POST', '/api/v1/circuit-orders', {
        token: manager.token,
        body: {
          ...change,
          customerId: changer,
          circuitId: (completed as OrderRow & { circuitId: string }).circuitId,
        },
      }),
      home.request('POST', '/api/v1/circuit-orders', {
        token: manager.token,
        body: { ...change, customerId: randomUUID(), circuitId: upgraded },
      }),
    ]);
    expect(strangers.map((r) => r.status)).toEqual([404, 404]);
    const order = await placeOrder(home, manager.token, {
      customerId: changer,
      action: 'modify',
      circuitId: upgraded,
      bandwidthMbps: 1000,
      requestedCompletionDate: shanghaiDay(10),
      oneTimeChargeFen: '0',
      monthlyChargeFen: '3000000',
    });
    expect((await circuitOf(upgraded)).pendingOrderId).toBe(order.id);
    const cancel = await home.request('POST', `/api/v1/circuit-orders/${order.id}/cancel`, {
      token: manager.token,
      body: { reason: '客户改期' },
    });
    expect(cancel.status).toBe(200);
    await waitForOrder(home, manager.token, order.id, (o) => o.state === 'cancelled', 'cancelled');
    expect(await circuitOf(upgraded)).toMatchObject({
      version: before.version,
      bandwidthMbps: before.bandwidthMbps,
      pendingOrderId: null,
    });
  }, 120_000);

  it('ceases a circuit: churn waits for it, the cease is worked at every node, CN settles to the cease day and never after', async () => {
    const churn = async () =>
      home.request('POST', `/api/v1/customers/${changer}/status-changes`, {
        token: await tokenFor({ roles: 'city_admin', node: HOME }),
        body: { status: 'churned', reason: '客户迁出' },
      });
    const held = await churn();
    expect(held.status).toBe(409);
    expect(held.text).toContain(upgraded);

    const past = await home.request<{ errors: { field: string }[] }>('POST', '/api/v1/circuit-orders', {
      token: manager.token,
      body: { customerId: changer, action: 'delete', circuitId: upgraded, ceaseDate: shanghaiDay(-1) },
    });
    expect(past.status).toBe(400);
    expect(past.body.errors.map((e) => e.field)).toContain('ceaseDate');

    const ceaseDate = shanghaiDay(0);
    const order = await placeOrder(home, manager.token, {
      customerId: changer,
      action: 'delete',
      circuitId: upgraded,
      ceaseDate,
    });
    for (const node of [home, far, cn]) {
      const work = await waitForWorkOrder(node, order.id, (w) => w.state === 'acknowledged', 'acknowledged');
      expect(work).toMatchObject({ action: 'delete', ceaseDate });
      const token = await engineerAt(node);
      expect(
        (
          await node.request('POST', `/api/v1/work-orders/${work.id}/accept`, {
            token,
            body: { expectedCompletionDate: ceaseDate },
          })
        ).status,
      ).toBe(200);
      expect((await node.request('POST', `/api/v1/work-orders/${work.id}/start`, { token })).status).toBe(
        200,
      );
      expect(
        (await node.request('POST', `/api/v1/work-orders/${work.id}/complete`, { token, body: {} })).status,
      ).toBe(200);
    }
    await waitForOrder(home, manager.token, order.id, (o) => o.state === 'completed', 'completed');
    const ceased = await circuitOf(upgraded);
    expect(ceased).toMatchObject({ state: 'ceased', ceasedOn: ceaseDate, version: 3 });
    expect(ceased.versions!.map((v) => v.action)).toEqual(['add', 'modify', 'delete']);

    // A ceased circuit cannot be changed again.
    const again = await home.request('POST', '/api/v1/circuit-orders', {
      token: manager.token,
      body: { customerId: changer, action: 'delete', circuitId: upgraded, ceaseDate },
    });
    expect(again.status).toBe(409);
    expect((await churn()).status).toBe(201);

    // CN: the cease day counts. Moved a month back with the rest of its life, the cease falls
    // last month and this month owes nothing: what was booked for it is corrected to zero.
    const month = shanghaiMonth();
    await waitFor(
      'CN holds the cease',
      () =>
        cn.sql<{ n: number }>(
          'SELECT count(*)::int AS n FROM one_stop_circuit_version WHERE circuit_id = $1',
          [upgraded],
        ),
      (rows) => rows[0]!.n === 3,
    );
    const ceaseDay = Number(ceaseDate.slice(8, 10));
    const versions = await cn.sql<{ version: number; effective_date: string }>(
      `SELECT version, to_char(effective_date, 'YYYY-MM-DD') AS effective_date FROM one_stop_circuit_version WHERE circuit_id = $1 ORDER BY version`,
      [upgraded],
    );
    const upgradeDay = Number(versions[1]!.effective_date.slice(8, 10));
    const thisMonth = await settledAtCn(upgraded, month);
    expect(thisMonth.sum).toBe(
      byDays(
        [
          { monthlyFen: 1_000_000n, days: upgradeDay - 1 },
          { monthlyFen: 2_345_678n, days: ceaseDay - upgradeDay + 1 },
        ],
        daysIn(month),
      ),
    );
    const last = addMonths(month, -1);
    await cn.sql(
      `UPDATE one_stop_circuit_version SET effective_date = (effective_date - interval '1 month')::date WHERE circuit_id = $1 AND version > 1`,
      [upgraded],
    );
    await cn.sql(
      `UPDATE one_stop_circuit_version SET effective_date = $2 WHERE circuit_id = $1 AND version = 1`,
      [upgraded, `${addMonths(month, -2)}-01`],
    );
    await cn.sql(
      `UPDATE one_stop_circuit SET first_billing_month = $2,
              ceased_on = (ceased_on - interval '1 month')::date WHERE circuit_id = $1`,
      [upgraded, addMonths(month, -2)],
    );
    expect((await settledAtCn(upgraded, month)).sum).toBe(0n);
    const lastDays = daysIn(last);
    const movedUpgrade = Math.min(upgradeDay, lastDays);
    const movedCease = Math.min(ceaseDay, lastDays);
    expect((await settledAtCn(upgraded, last)).sum).toBe(
      byDays(
        [
          { monthlyFen: 1_000_000n, days: movedUpgrade - 1 },
          { monthlyFen: 2_345_678n, days: movedCease - movedUpgrade + 1 },
        ],
        lastDays,
      ),
    );
  }, 300_000);

  it('makes a quote infeasible naming the node that stays silent past the policy time', async () => {
    const asked = await askQuote(SILENT);
    expect(asked.status).toBe(201);
    const quote = await waitFor(
      'the quote timed out',
      () =>
        home.request<{ state: string; stateReason: string | null }>(
          'GET',
          `/api/v1/circuit-quotes/${asked.body.id}`,
          {
            token: manager.token,
          },
        ),
      (r) => r.body.state !== 'requested',
      (QUOTE_REPLY_SECONDS + 60) * 1000,
    );
    expect(quote.body).toMatchObject({ state: 'infeasible' });
    expect(quote.body.stateReason).toContain(`z_end ${SILENT}: no answer within ${QUOTE_REPLY_SECONDS} s`);
    expect(quote.body.stateReason).not.toContain(HOME);
    const accept = await home.request('POST', `/api/v1/circuit-quotes/${asked.body.id}/accept`, {
      token: manager.token,
    });
    expect(accept.status).toBe(409);
  }, 180_000);

  it('keeps the site contacts at the end cities: no province or national topic holds one', async () => {
    const order = await orderAt(home, manager.token, completed.id);
    const contacts = [
      order as unknown as {
        aEnd: { contactPhone: string; contactName: string };
        zEnd: { contactPhone: string; contactName: string };
      },
    ]
      .flatMap((o) => [o.aEnd, o.zEnd])
      .flatMap((e) => [e.contactPhone, e.contactName]);
    for (const node of ['CN', '440000', '330000']) {
      const records = await readAllRecords(`${fed.namespace}.${node}.in`);
      const text = records.map((r) => r.value.toString('utf8')).join('\n');
      for (const value of contacts) expect(text).not.toContain(value);
    }
  }, 120_000);
});
