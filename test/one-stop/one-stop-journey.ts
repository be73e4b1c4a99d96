import { randomUUID } from 'node:crypto';
import { shanghaiDay } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import type { NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

/**
 * Steps of a one-stop order as the people involved take them over REST: tariffs at the nodes
 * carrying segments, the order at the home city, the work orders at each segment node.
 */

export interface WorkOrderRow {
  id: string;
  orderId: string;
  segmentId: string;
  attempt: number;
  role: string;
  state: string;
  stateReason: string | null;
  circuitId: string | null;
}

export interface SegmentRow {
  id: string;
  role: string;
  nodeCode: string;
  attempt: number;
  state: string;
  reason: string | null;
  circuitId: string | null;
}

export interface OrderRow {
  id: string;
  state: string;
  stateReason: string | null;
  monthlyChargeFen: string;
  oneTimeChargeFen: string;
  completionDate: string | null;
  expectedCompletionDate: string | null;
  coordinator: string;
  transitNode: string | null;
  segments: SegmentRow[];
  escalations: { segmentId: string; attempt: number; coordinator: string }[];
}

/** The token of whoever may write a node's tariff: its administrator. */
function tariffAdmin(node: NodeProcess): Promise<string> {
  const tier = node.spec.tier;
  const role = tier === 'city' ? 'city_admin' : tier === 'province' ? 'province_admin' : 'hq_admin';
  return tokenFor({ roles: role, node: node.spec.code });
}

export async function setTariff(
  node: NodeProcess,
  product: string,
  tariff: { oneTimeFen: string; monthlyBaseFen: string; monthlyPerMbpsFen: string; maxBandwidthMbps: number },
): Promise<void> {
  const res = await node.request('PUT', `/api/v1/circuit-tariffs/${product}`, {
    token: await tariffAdmin(node),
    body: tariff,
  });
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`tariff at ${node.spec.code}: ${res.status} ${res.text}`);
}

/** A site at a city, with a made-up site contact (personal data: only that city may hold it). */
export function aSite(nodeCode: string): Record<string, string> {
  const tag = randomUUID().slice(0, 6);
  return {
    nodeCode,
    siteAddress: `${nodeCode} 产业园 ${tag} 号楼机房`,
    contactName: `现场联系人${tag}`,
    contactPhone: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
  };
}

export function anOrderBody(
  customerId: string,
  aEnd: string,
  zEnd: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    customerId,
    product: 'ethernet_private_line',
    bandwidthMbps: 100,
    aEnd: aSite(aEnd),
    zEnd: aSite(zEnd),
    requestedCompletionDate: shanghaiDay(30),
    notes: '机房需提前预约',
    oneTimeChargeFen: '800000',
    monthlyChargeFen: '1234567',
    ...overrides,
  };
}

export async function placeOrder(
  home: NodeProcess,
  token: string,
  body: Record<string, unknown>,
): Promise<OrderRow> {
  const res = await home.request<OrderRow>('POST', '/api/v1/circuit-orders', { token, body });
  if (res.status !== 201) throw new Error(`order not placed: ${res.status} ${res.text}`);
  return res.body;
}

export async function orderAt(home: NodeProcess, token: string, id: string): Promise<OrderRow> {
  const res = await home.request<OrderRow>('GET', `/api/v1/circuit-orders/${id}`, { token });
  if (res.status !== 200) throw new Error(`order ${id}: ${res.status} ${res.text}`);
  return res.body;
}

export function waitForOrder(
  home: NodeProcess,
  token: string,
  id: string,
  done: (order: OrderRow) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<OrderRow> {
  return waitFor(`order ${id}: ${what}`, () => orderAt(home, token, id), done, timeoutMs);
}

export function engineerAt(node: NodeProcess): Promise<string> {
  return tokenFor({ roles: 'provisioning_engineer', node: node.spec.code, subject: `ENG-${node.spec.code}` });
}

/** The work orders a node holds for an order, current attempt last. */
export async function workOrdersAt(node: NodeProcess, orderId: string): Promise<WorkOrderRow[]> {
  const res = await node.request<WorkOrderRow[]>('GET', `/api/v1/work-orders?orderId=${orderId}&limit=50`, {
    token: await engineerAt(node),
  });
  if (res.status !== 200) throw new Error(`work orders at ${node.spec.code}: ${res.status} ${res.text}`);
  return [...res.body].sort((a, b) => a.attempt - b.attempt);
}

export async function waitForWorkOrder(
  node: NodeProcess,
  orderId: string,
  done: (w: WorkOrderRow) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<WorkOrderRow> {
  const rows = await waitFor(
    `work order of ${orderId} at ${node.spec.code}: ${what}`,
    () => workOrdersAt(node, orderId),
    (list) => list.some(done),
    timeoutMs,
  );
  return rows.find(done)!;
}

const ACTION_BODIES: Record<string, (node: NodeProcess) => unknown> = {
  accept: () => ({ expectedCompletionDate: shanghaiDay(10) }),
  start: () => undefined,
  complete: (node) => ({
    circuitId: `CKT-${node.spec.code}-${randomUUID().slice(0, 8).toUpperCase()}`,
    handover: 'GE port 1/0/3, VLAN 1203',
  }),
  reject: () => ({ reason: 'no fibre to the building' }),
};

/** Takes a work order through staff actions, in order; `reject:<reason>` rejects with that reason. */
export async function act(node: NodeProcess, workOrderId: string, ...actions: string[]): Promise<void> {
  const token = await engineerAt(node);
  for (const step of actions) {
    const [action = step, reason] = step.split(/:(.*)/s);
    const body = reason === undefined ? ACTION_BODIES[action]?.(node) : { reason };
    const res = await node.request('POST', `/api/v1/work-orders/${workOrderId}/${action}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });
    if (res.status !== 200) throw new Error(`${action} at ${node.spec.code}: ${res.status} ${res.text}`);
  }
}
