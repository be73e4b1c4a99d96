import { create, type DescMessage } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  CircuitOrderCancelRequestedSchema,
  CircuitOrderStatusSchema,
  EscalationRaisedSchema,
  SegmentCancelRequestedSchema,
  SegmentRedispatchRequestedSchema,
  SegmentStatusChangedSchema,
  SegmentWorkRequestedSchema,
  type CircuitOrderStatus,
  type SegmentCancelRequested,
  type SegmentWorkRequested,
} from '@kaf/contracts';
import { uuidv7 } from '@kaf/platform';
import { shanghaiDay } from '../agreements/sales-builders';
import { type FederationFixture, kafkaClient } from '../support/federation-fixture';
import { inboxPayloads, sendAs } from '../support/inbox-injection';
import type { NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';

/** The city every suite takes orders at (Shenzhen); the nodes it sends to are played by the suite. */
export const HOME = '440300';

export interface SegmentView {
  id: string;
  role: 'a_end' | 'z_end' | 'transit';
  nodeCode: string;
  attempt: number;
  state: string;
  reason: string | null;
  deadline: string;
  acknowledgedAt: string | null;
  workOrderId: string | null;
  expectedCompletionDate: string | null;
  circuitId: string | null;
  handover: string | null;
}

export interface OrderView {
  id: string;
  externalId: string | null;
  customerId: string;
  customerName: string;
  product: string;
  bandwidthMbps: number;
  state: string;
  stateReason: string | null;
  requestedCompletionDate: string;
  expectedCompletionDate: string | null;
  completionDate: string | null;
  completedAt: string | null;
  heldAt: string | null;
  monthlyChargeFen: string;
  oneTimeChargeFen: string;
  transitNode: string | null;
  coordinator: string;
  version: number;
  aEnd: { nodeCode: string; siteAddress: string; contactName: string; contactPhone: string };
  zEnd: { nodeCode: string; siteAddress: string; contactName: string; contactPhone: string };
  segments: SegmentView[];
  escalations: { id: string; segmentId: string; attempt: number; role: string; coordinator: string }[];
}

export interface StateChange {
  id: string;
  segmentId: string | null;
  role: string | null;
  attempt: number | null;
  statusVersion: string | null;
  fromState: string | null;
  toState: string;
  reason: string | null;
  source: string;
  actor: string;
}

let serial = 0;

/** A cross-province order body (Guangzhou ↔ Hangzhou, transit at CN) with sensible defaults. */
export function anOrder(
  customerId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  serial += 1;
  return {
    customerId,
    product: 'ethernet_private_line',
    bandwidthMbps: 100,
    aEnd: {
      nodeCode: '440100',
      siteAddress: `广州市天河区珠江新城${serial}号`,
      contactName: `陈工${serial}`,
      contactPhone: '13800138000',
    },
    zEnd: {
      nodeCode: '330100',
      siteAddress: `杭州市西湖区文三路${serial}号`,
      contactName: `王工${serial}`,
      contactPhone: '0571-88886666',
    },
    requestedCompletionDate: shanghaiDay(30),
    notes: '机房在3楼',
    oneTimeChargeFen: '500000',
    monthlyChargeFen: '1200001',
    ...overrides,
  };
}

/** Plays the segment nodes and coordinators of one home city through its inbox topic. */
export class HomeCity {
  constructor(
    readonly fed: FederationFixture,
    readonly node: NodeProcess,
    readonly token: string,
  ) {}

  async create(body: Record<string, unknown>, token = this.token): Promise<OrderView> {
    const res = await this.node.request<OrderView>('POST', '/api/v1/circuit-orders', { token, body });
    if (res.status !== 201) throw new Error(`order not created: ${res.status} ${res.text}`);
    return res.body;
  }

  order(id: string, token = this.token): Promise<OrderView> {
    return this.node.get<OrderView>(`/api/v1/circuit-orders/${id}`, token);
  }

  history(id: string): Promise<StateChange[]> {
    return this.node.get<StateChange[]>(`/api/v1/circuit-orders/${id}/state-changes?limit=500`, this.token);
  }

  waitOrder(
    id: string,
    what: string,
    done: (order: OrderView) => boolean,
    timeoutMs = 30_000,
  ): Promise<OrderView> {
    return waitFor(`order ${what}`, () => this.order(id), done, timeoutMs);
  }

  segment(order: OrderView, role: SegmentView['role']): SegmentView {
    const found = order.segments.find((s) => s.role === role);
    if (!found) throw new Error(`order ${order.id} has no ${role} segment`);
    return found;
  }

  /** A work-order status as the segment's node (or `from`, to play an impostor) would send it. */
  status(
    order: OrderView,
    role: SegmentView['role'],
    state: string,
    version: number,
    extra: {
      reason?: string;
      expectedCompletionDate?: string;
      circuitId?: string;
      handover?: string;
      attempt?: number;
      from?: string;
    } = {},
  ): Promise<string> {
    const segment = this.segment(order, role);
    const from = extra.from ?? segment.nodeCode;
    return sendAs(
      this.fed.namespace,
      from,
      HOME,
      SegmentStatusChangedSchema,
      create(SegmentStatusChangedSchema, {
        orderId: order.id,
        segmentId: segment.id,
        attempt: extra.attempt ?? segment.attempt,
        workOrderId: workOrderIdOf(segment.id, extra.attempt ?? segment.attempt),
        nodeCode: segment.nodeCode,
        state,
        version: BigInt(version),
        reason: extra.reason ?? '',
        expectedCompletionDate: extra.expectedCompletionDate ?? '',
        circuitId: extra.circuitId ?? '',
        handover: extra.handover ?? '',
        changedAt: timestampFromDate(new Date()),
      }),
      order.id,
    );
  }

  /** Every segment of `order` through acknowledged, accepted, inProgress and done (versions 1–4). */
  async completeAll(order: OrderView): Promise<void> {
    for (const s of order.segments) {
      await this.status(order, s.role, 'acknowledged', 1);
      await this.status(order, s.role, 'accepted', 2, { expectedCompletionDate: shanghaiDay(20) });
      await this.status(order, s.role, 'inProgress', 3);
      await this.status(order, s.role, 'done', 4, {
        circuitId: `${s.nodeCode}-CIR-${s.role}`,
        handover: 'GE port 1/0/1, VLAN 100',
      });
    }
  }

  redispatch(
    order: OrderView,
    role: SegmentView['role'],
    requestId = uuidv7(),
    from = order.coordinator,
  ): Promise<string> {
    return sendAs(
      this.fed.namespace,
      from,
      HOME,
      SegmentRedispatchRequestedSchema,
      create(SegmentRedispatchRequestedSchema, {
        requestId,
        orderId: order.id,
        segmentId: this.segment(order, role).id,
        reason: '施工队未响应',
        requestedBy: 'coordinator-staff-1',
      }),
      order.id,
    );
  }

  cancelAsCoordinator(order: OrderView, requestId = uuidv7(), from = order.coordinator): Promise<string> {
    return sendAs(
      this.fed.namespace,
      from,
      HOME,
      CircuitOrderCancelRequestedSchema,
      create(CircuitOrderCancelRequestedSchema, {
        requestId,
        orderId: order.id,
        reason: '客户撤单',
        requestedBy: 'coordinator-staff-1',
      }),
      order.id,
    );
  }

  /** How the home city's inbox dealt with these messages (handled / dead_lettered), once it has. */
  inboxOutcomes(ids: readonly string[]): Promise<Record<string, string>> {
    return waitFor(
      'messages through the inbox',
      () =>
        this.fed.sql<{ message_id: string; outcome: string }>(
          HOME,
          'SELECT message_id, outcome FROM messaging_inbox WHERE message_id = ANY($1::uuid[])',
          [ids],
        ),
      (rows) => rows.length === ids.length,
    ).then((rows) => Object.fromEntries(rows.map((r) => [r.message_id, r.outcome])));
  }

  /** Waits until the outbox is empty, so what the home city wrote is on the topics. */
  drained(): Promise<number> {
    return waitFor(
      'home outbox drained',
      () => this.fed.count(HOME, 'SELECT count(*) AS n FROM messaging_outbox'),
      (n) => n === 0,
    );
  }

  /** What the home city sent to `node` of one type (nothing when it never wrote to that node). */
  private async sentTo<Desc extends DescMessage>(node: string, schema: Desc) {
    await this.drained();
    const admin = kafkaClient().admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(`${this.fed.namespace}.${node}.in`)) return [];
    } finally {
      await admin.disconnect();
    }
    return (await inboxPayloads(this.fed.namespace, node, schema)).filter((m) => m.source === HOME);
  }

  async workRequests(node: string, orderId: string): Promise<SegmentWorkRequested[]> {
    return (await this.sentTo(node, SegmentWorkRequestedSchema))
      .filter((m) => m.payload.orderId === orderId)
      .map((m) => m.payload);
  }

  async cancelRequests(node: string, orderId: string): Promise<SegmentCancelRequested[]> {
    return (await this.sentTo(node, SegmentCancelRequestedSchema))
      .filter((m) => m.payload.orderId === orderId)
      .map((m) => m.payload);
  }

  async orderStatuses(node: string, orderId: string): Promise<CircuitOrderStatus[]> {
    return (await this.sentTo(node, CircuitOrderStatusSchema))
      .filter((m) => m.payload.orderId === orderId)
      .map((m) => m.payload);
  }

  /** The late segments of the order the home city raised to `node` (EscalationRaised). */
  async breaches(node: string, orderId: string): Promise<SegmentRaised[]> {
    return (await this.sentTo(node, EscalationRaisedSchema))
      .map((m) => m.payload.escalation!)
      .filter((e) => e.subjectType === 'circuitSegment' && e.caseId === orderId)
      .map((e) => ({
        escalationId: e.escalationId,
        subjectId: e.subjectId,
        reason: e.reason,
        role: e.facts!.role,
        attempt: e.facts!.attempt,
        segmentState: e.facts!.segmentState,
      }));
  }
}

/** A late segment attempt as the home city raised it. */
export interface SegmentRaised {
  escalationId: string;
  subjectId: string;
  reason: string;
  role: string;
  attempt: number;
  segmentState: string;
}

/** A stable work-order id per segment attempt, as the segment node would keep one. */
function workOrderIdOf(segmentId: string, attempt: number): string {
  return `${segmentId.slice(0, 24)}${String(attempt).padStart(12, '0')}`;
}
