import { productsOf } from '@kaf/catalogue';
import { addDays, billingMonthOf, shanghaiDate } from '@kaf/platform';
import type { Json, NodeApi } from '../seed/node-api';
import { until } from '../util/until';

/**
 * A one-stop walk-through on a running federation, through the REST APIs only: tariffs and the
 * national policy, then circuit orders from Shenzhen — one quoted and completed across provinces
 * and then upgraded in service, one in progress inside Guangdong, one failed because its Z-end
 * rejected it, one in-city circuit built and ceased — and the month's settlement at the national
 * node.
 */

export const HOME = '440300';

/** Clients of each node, as the people who act there. */
export interface DemoActors {
  /** Administrator of each node (tariffs, policy, settlement). */
  admin(code: string): NodeApi;
  /** Provisioning engineer of each node (work orders). */
  engineer(code: string): NodeApi;
}

export interface DemoOrder {
  label: string;
  id: string;
  state: string;
  stateReason: string | null;
  segments: string;
}

const PRODUCTS = productsOf('circuit');
const DAY = 86_400;

/** The Shanghai calendar day `days` from today. */
function shanghaiDay(days = 0): string {
  return addDays(shanghaiDate(new Date()), days);
}

/** The same tariff at every node that can carry a segment; a node's tariff is its own to set. */
export async function setTariffs(actors: DemoActors, nodes: readonly string[]): Promise<void> {
  for (const code of nodes) {
    for (const product of PRODUCTS) {
      await actors.admin(code).expect('PUT', `/api/v1/circuit-tariffs/${product}`, {
        oneTimeFen: '300000',
        monthlyBaseFen: product === 'mpls_vpn' ? '150000' : '100000',
        monthlyPerMbpsFen: '1500',
        maxBandwidthMbps: code.endsWith('0000') || code === 'CN' ? 100_000 : 10_000,
      });
    }
  }
}

/** SLAs by product and the settlement split, with an override for Guangdong–Zhejiang MPLS VPNs. */
export async function setPolicy(actors: DemoActors): Promise<void> {
  await actors.admin('CN').expect('PUT', '/api/v1/one-stop-policy', {
    slas: PRODUCTS.map((product) => ({
      product,
      endSegmentSeconds: (product === 'mpls_vpn' ? 15 : 10) * DAY,
      transitSegmentSeconds: 7 * DAY,
    })),
    transitShareBp: 1000,
    overrides: [
      {
        product: 'mpls_vpn',
        aEndProvince: '440000',
        zEndProvince: '330000',
        aEndBp: 4000,
        zEndBp: 4000,
        transitBp: 2000,
      },
    ],
  });
}

function site(nodeCode: string, address: string, contactName: string, contactPhone: string): Json {
  return { nodeCode, siteAddress: address, contactName, contactPhone };
}

async function workOrderOf(actors: DemoActors, code: string, orderId: string): Promise<Json> {
  const rows = await until(
    `the work order of ${orderId} at ${code}`,
    () => actors.engineer(code).list(`/api/v1/work-orders?orderId=${orderId}`),
    (list) => list.some((w) => w.state === 'acknowledged' || w.state === 'rejected'),
  );
  return rows[0]!;
}

async function act(
  actors: DemoActors,
  code: string,
  workOrderId: unknown,
  action: string,
  body?: Json,
): Promise<void> {
  await actors.engineer(code).expect('POST', `/api/v1/work-orders/${String(workOrderId)}/${action}`, body);
}

async function view(
  home: NodeApi,
  label: string,
  id: string,
  done: (o: Json) => boolean,
): Promise<DemoOrder> {
  const order = await until(`order ${id}`, () => home.expect('GET', `/api/v1/circuit-orders/${id}`), done);
  const segments = (order.segments as Json[]).map(
    (s) => `${String(s.role)}@${String(s.nodeCode)}:${String(s.state)}`,
  );
  return {
    label,
    id,
    state: String(order.state),
    stateReason: (order.stateReason as string | null) ?? null,
    segments: segments.join(' '),
  };
}

/** Shenzhen → Hangzhou Ethernet private line: quoted, accepted, ordered and built at three nodes. */
export async function completedCrossProvinceOrder(
  home: NodeApi,
  actors: DemoActors,
  customerId: string,
): Promise<DemoOrder> {
  const quote = await home.expect('POST', '/api/v1/circuit-quotes', {
    customerId,
    product: 'ethernet_private_line',
    bandwidthMbps: 200,
    aEndNodeCode: HOME,
    zEndNodeCode: '330100',
  });
  await until(
    'the quote',
    () => home.expect('GET', `/api/v1/circuit-quotes/${String(quote.id)}`),
    (q) => q.state === 'quoted',
  );
  await home.expect('POST', `/api/v1/circuit-quotes/${String(quote.id)}/accept`);
  const order = await home.expect('POST', '/api/v1/circuit-orders', {
    customerId,
    quoteId: quote.id,
    product: 'ethernet_private_line',
    bandwidthMbps: 200,
    aEnd: site(HOME, '深圳市南山区科技园南区 A 栋 3 楼机房', '周工', '13800001001'),
    zEnd: site('330100', '杭州市西湖区文三路 90 号 5 楼机房', '陈工', '13900002002'),
    requestedCompletionDate: shanghaiDay(20),
    notes: '深杭数据中心互联',
  });
  const id = String(order.id);
  for (const code of [HOME, 'CN', '330100']) {
    const work = await workOrderOf(actors, code, id);
    await act(actors, code, work.id, 'accept', { expectedCompletionDate: shanghaiDay(12) });
    await act(actors, code, work.id, 'start');
    await act(actors, code, work.id, 'complete', {
      circuitId: `${code}-EPL-${id.slice(0, 8).toUpperCase()}`,
      handover: 'GE 1/0/3, VLAN 1203',
    });
  }
  return view(
    home,
    'quoted and completed (Shenzhen → Hangzhou, transit CN)',
    id,
    (o) => o.state === 'completed',
  );
}

/** Shenzhen → Guangzhou MPLS VPN inside Guangdong: accepted at Shenzhen, the rest still to do. */
export async function inProvinceOrderInProgress(
  home: NodeApi,
  actors: DemoActors,
  customerId: string,
): Promise<DemoOrder> {
  const order = await home.expect('POST', '/api/v1/circuit-orders', {
    customerId,
    product: 'mpls_vpn',
    bandwidthMbps: 50,
    aEnd: site(HOME, '深圳市福田区深南大道 6008 号 12 楼', '吴工', '13800001003'),
    zEnd: site('440100', '广州市天河区珠江新城华夏路 10 号 8 楼', '郑工', '13800001004'),
    requestedCompletionDate: shanghaiDay(25),
    oneTimeChargeFen: '500000',
    monthlyChargeFen: '880000',
  });
  const id = String(order.id);
  const work = await workOrderOf(actors, HOME, id);
  await act(actors, HOME, work.id, 'accept', { expectedCompletionDate: shanghaiDay(15) });
  return view(
    home,
    'in progress (Shenzhen → Guangzhou, transit 440000)',
    id,
    (o) => o.state === 'inProgress',
  );
}

/** Shenzhen → Ningbo digital circuit: Ningbo has no fibre there, so the order fails and Shenzhen's part is cancelled. */
export async function failedOrder(home: NodeApi, actors: DemoActors, customerId: string): Promise<DemoOrder> {
  const order = await home.expect('POST', '/api/v1/circuit-orders', {
    customerId,
    product: 'digital_circuit',
    bandwidthMbps: 10,
    aEnd: site(HOME, '深圳市宝安区新安街道 3 号', '冯工', '13800001005'),
    zEnd: site('330200', '宁波市北仑区港口路 18 号', '褚工', '13900002006'),
    requestedCompletionDate: shanghaiDay(30),
    oneTimeChargeFen: '200000',
    monthlyChargeFen: '300000',
  });
  const id = String(order.id);
  const work = await workOrderOf(actors, '330200', id);
  await act(actors, '330200', work.id, 'reject', { reason: '园区无光纤资源' });
  return view(
    home,
    'failed at the Z-end (Shenzhen → Ningbo), compensated',
    id,
    (o) => o.state === 'failed' && (o.segments as Json[]).every((s) => s.state !== 'cancelling'),
  );
}

/**
 * The completed Shenzhen → Hangzhou circuit upgraded in service (扩容) from 200 to 500 Mbps with
 * contracted charges: the same saga, worked at the three nodes carrying it, which keep their
 * segment ids; the circuit becomes version 2.
 */
export async function upgradedCircuit(
  home: NodeApi,
  actors: DemoActors,
  customerId: string,
  addOrderId: string,
): Promise<DemoOrder> {
  const added = await home.expect('GET', `/api/v1/circuit-orders/${addOrderId}`);
  const order = await home.expect('POST', '/api/v1/circuit-orders', {
    customerId,
    action: 'modify',
    circuitId: added.circuitId,
    bandwidthMbps: 500,
    requestedCompletionDate: shanghaiDay(10),
    oneTimeChargeFen: '100000',
    monthlyChargeFen: '2600000',
  });
  const id = String(order.id);
  for (const code of [HOME, 'CN', '330100']) {
    const work = await workOrderOf(actors, code, id);
    await act(actors, code, work.id, 'accept', { expectedCompletionDate: shanghaiDay(5) });
    await act(actors, code, work.id, 'start');
    await act(actors, code, work.id, 'complete', {
      handover: 'bandwidth raised to 500 Mbps on the same port',
    });
  }
  return view(home, 'upgraded to 500 Mbps (the same circuit, version 2)', id, (o) => o.state === 'completed');
}

/**
 * A Shenzhen in-city circuit built and then ceased (拆机) on the last day of the month: both
 * segments are worked at Shenzhen, the circuit is settled up to its cease day and never after.
 */
export async function ceasedCircuit(
  home: NodeApi,
  actors: DemoActors,
  customerId: string,
): Promise<DemoOrder> {
  const added = await home.expect('POST', '/api/v1/circuit-orders', {
    customerId,
    product: 'ddn',
    bandwidthMbps: 20,
    aEnd: site(HOME, '深圳市罗湖区人民南路 2 号 2 楼', '蒋工', '13800001007'),
    zEnd: site(HOME, '深圳市龙岗区坂田街道 8 号 1 楼', '沈工', '13800001008'),
    requestedCompletionDate: shanghaiDay(15),
    oneTimeChargeFen: '100000',
    monthlyChargeFen: '150000',
  });
  await buildAtHome(actors, String(added.id), 'complete', (n) => ({
    circuitId: `${HOME}-DDN-${n}-${String(added.id).slice(0, 8).toUpperCase()}`,
  }));
  await view(home, 'built', String(added.id), (o) => o.state === 'completed');
  const month = billingMonthOf(new Date());
  const [year, mon] = month.split('-').map(Number);
  const lastDay = `${month}-${String(new Date(Date.UTC(year!, mon, 0)).getUTCDate()).padStart(2, '0')}`;
  const cease = await home.expect('POST', '/api/v1/circuit-orders', {
    customerId,
    action: 'delete',
    circuitId: added.circuitId,
    ceaseDate: lastDay,
  });
  await buildAtHome(actors, String(cease.id), 'complete', () => ({}));
  return view(
    home,
    `ceased on ${lastDay} (Shenzhen in-city DDN)`,
    String(cease.id),
    (o) => o.state === 'completed',
  );
}

/** Both segments of an in-city order at Shenzhen, accepted, started and finished. */
async function buildAtHome(
  actors: DemoActors,
  orderId: string,
  finish: string,
  body: (n: number) => Json,
): Promise<void> {
  const works = await until(
    `both work orders of ${orderId} at ${HOME}`,
    () => actors.engineer(HOME).list(`/api/v1/work-orders?orderId=${orderId}`),
    (list) => list.filter((w) => w.state === 'acknowledged').length === 2,
  );
  for (const [n, work] of works.entries()) {
    await act(actors, HOME, work.id, 'accept', { expectedCompletionDate: shanghaiDay(5) });
    await act(actors, HOME, work.id, 'start');
    await act(actors, HOME, work.id, finish, body(n + 1));
  }
}

/** Runs the month's settlement at the national node and returns its records of `circuitId`. */
export async function settle(actors: DemoActors, circuitId: string): Promise<Json[]> {
  const month = billingMonthOf(new Date());
  const cn = actors.admin('CN');
  return until(
    `settlement of circuit ${circuitId} for ${month}`,
    async () => {
      await cn.request('POST', '/api/v1/settlement-runs', { billingMonth: month });
      return cn.list(`/api/v1/settlement-records?circuitId=${circuitId}&billingMonth=${month}`);
    },
    (records) => records.length > 0,
  );
}
