import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { DataSource } from 'typeorm';
import { isOrderFinal, ORDER_STATES } from '../domain/order-states';
import type { CoordinatedSegment } from './coordinated-circuit-order.entity';
import { CoordinatedFaultsService } from './coordinated-faults.service';
import { type CoordinatedOrderDetailView, type CoordinatedOrderView } from './coordinated-order.view';
import { isSegmentOpen } from './coordinated-order.rules';
import { type CoordinationRequestRow, toCoordinationRequestView } from './coordination-request.view';
import { visibleCities } from './coordination-scope';
import type { ListCoordinatedOrdersQuery } from './list-coordinated-orders.query';
import type { ListEscalationsQuery } from './list-escalations.query';
import {
  type EscalationRow,
  type OneStopEscalationView,
  SEGMENT_ESCALATIONS,
  toEscalationView,
} from './one-stop-escalation.view';
import { NotFoundError } from '@kaf/platform';

const FINAL_STATES: readonly string[] = ORDER_STATES.filter((s) => isOrderFinal(s));

interface OrderRow {
  order_id: string;
  version: string;
  home_node: string;
  customer_id: string;
  customer_name: string;
  action: string;
  circuit_id: string | null;
  product: string;
  bandwidth_mbps: number;
  a_end_node: string;
  z_end_node: string;
  transit_node: string | null;
  a_end_province: string;
  z_end_province: string;
  state: string;
  state_reason: string | null;
  requested_date: string | null;
  expected_completion_date: string | null;
  ordered_at: Date | null;
  completed_at: Date | null;
  monthly_charge_fen: string;
  segments: CoordinatedSegment[];
  changed_at: Date;
  received_at: Date;
  open_escalations: number;
  stuck: boolean;
}

/** A WHERE clause built from parts, with its parameters numbered as they are added. */
class Conditions {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: (p: (value: unknown) => string) => string): void {
    this.parts.push(
      sql((value) => {
        this.params.push(value);
        return `$${this.params.length}`;
      }),
    );
  }

  get where(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** The order's late segments held here and not acted on (ADR 0045). */
const OPEN_ESCALATIONS = `FROM held_escalation e
  WHERE e.subject_type = 'circuitSegment' AND e.case_id = o.order_id::text AND e.status = 'open'`;

const STUCK = `(o.state <> ALL('{${FINAL_STATES.join(',')}}'::text[]) AND (o.next_open_deadline < now()
  OR EXISTS (SELECT 1 ${OPEN_ESCALATIONS})))`;

/** Reads of the orders this node coordinates and their escalations, within the caller's scope. */
@Injectable()
export class CoordinatedOrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly faults: CoordinatedFaultsService,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: ListCoordinatedOrdersQuery,
  ): Promise<{ items: CoordinatedOrderView[]; total: number }> {
    const c = this.orderScope(scope);
    if (query.state) c.add((p) => `o.state = ${p(query.state)}`);
    if (query.homeNode) c.add((p) => `o.home_node = ${p(query.homeNode)}`);
    if (query.stuck === 'true') c.add(() => STUCK);
    if (query.stuck === 'false') c.add(() => `NOT ${STUCK}`);
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM coordinated_circuit_order o ${c.where}`,
      c.params,
    );
    const rows: OrderRow[] = await this.dataSource.query(
      `${this.selectOrders()} ${c.where}
        ORDER BY o.changed_at DESC, o.order_id
        LIMIT ${query.limit} OFFSET ${query.offset}`,
      c.params,
    );
    return { items: rows.map(toOrderView), total: n };
  }

  async get(scope: AccessScope, orderId: string): Promise<CoordinatedOrderDetailView> {
    const c = this.orderScope(scope);
    c.add((p) => `o.order_id = ${p(orderId)}`);
    const [row] = await this.dataSource.query<OrderRow[]>(`${this.selectOrders()} ${c.where}`, c.params);
    if (!row) throw new NotFoundError(`no coordinated order ${orderId}`);
    const escalations: EscalationRow[] = await this.dataSource.query(
      `SELECT * FROM ${SEGMENT_ESCALATIONS} e WHERE e.order_id = $1 ORDER BY breached_at, id`,
      [orderId],
    );
    const requests: CoordinationRequestRow[] = await this.dataSource.query(
      `SELECT * FROM one_stop_coordination_request WHERE order_id = $1 ORDER BY requested_at, id`,
      [orderId],
    );
    return {
      ...toOrderView(row),
      escalations: escalations.map(toEscalationView),
      requests: requests.map(toCoordinationRequestView),
      faultTickets: await this.faults.ofOrder(orderId),
    };
  }

  async escalations(
    scope: AccessScope,
    query: ListEscalationsQuery,
  ): Promise<{ items: OneStopEscalationView[]; total: number }> {
    const c = new Conditions();
    const cities = visibleCities(scope, this.identity);
    if (cities) {
      // An escalation whose order has not been reported yet is placed by its segment's node.
      c.add(
        (p) => `(EXISTS (SELECT 1 FROM coordinated_circuit_order o WHERE o.order_id::text = e.order_id
                   AND (o.a_end_node = ANY(${p(cities)}::text[]) OR o.z_end_node = ANY(${p(cities)}::text[])))
                 OR (NOT EXISTS (SELECT 1 FROM coordinated_circuit_order o WHERE o.order_id::text = e.order_id)
                   AND e.node_code = ANY(${p(scope.nodeCodes())}::text[])))`,
      );
    }
    if (query.status) c.add((p) => `e.status = ${p(query.status)}`);
    if (query.orderId) c.add((p) => `e.order_id = ${p(query.orderId)}`);
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM ${SEGMENT_ESCALATIONS} e ${c.where}`,
      c.params,
    );
    const rows: EscalationRow[] = await this.dataSource.query(
      `SELECT e.* FROM ${SEGMENT_ESCALATIONS} e ${c.where}
        ORDER BY e.breached_at DESC, e.id
        LIMIT ${query.limit} OFFSET ${query.offset}`,
      c.params,
    );
    return { items: rows.map(toEscalationView), total: n };
  }

  private orderScope(scope: AccessScope): Conditions {
    const c = new Conditions();
    const cities = visibleCities(scope, this.identity);
    if (cities) {
      c.add((p) => {
        const list = p(cities);
        return `(o.a_end_node = ANY(${list}::text[]) OR o.z_end_node = ANY(${list}::text[]))`;
      });
    }
    return c;
  }

  private selectOrders(): string {
    return `SELECT o.*, o.version::text AS version, o.monthly_charge_fen::text AS monthly_charge_fen,
                   o.requested_date::text AS requested_date,
                   o.expected_completion_date::text AS expected_completion_date,
                   (SELECT count(*)::int ${OPEN_ESCALATIONS}) AS open_escalations,
                   ${STUCK} AS stuck
              FROM coordinated_circuit_order o`;
  }
}

function toOrderView(row: OrderRow): CoordinatedOrderView {
  const now = Date.now();
  return {
    orderId: row.order_id,
    version: row.version,
    homeNode: row.home_node,
    customerId: row.customer_id,
    customerName: row.customer_name,
    action: row.action,
    circuitId: row.circuit_id,
    product: row.product,
    bandwidthMbps: row.bandwidth_mbps,
    aEndNode: row.a_end_node,
    zEndNode: row.z_end_node,
    transitNode: row.transit_node,
    aEndProvince: row.a_end_province,
    zEndProvince: row.z_end_province,
    state: row.state,
    stateReason: row.state_reason,
    requestedDate: row.requested_date,
    expectedCompletionDate: row.expected_completion_date,
    orderedAt: row.ordered_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    monthlyChargeFen: row.monthly_charge_fen,
    segments: row.segments.map((s) => ({
      segmentId: s.segmentId,
      role: s.role,
      nodeCode: s.nodeCode,
      attempt: s.attempt,
      state: s.state,
      reason: s.reason || null,
      deadline: s.deadline,
      overdue:
        !FINAL_STATES.includes(row.state) &&
        isSegmentOpen(s.state) &&
        s.deadline !== null &&
        Date.parse(s.deadline) < now,
    })),
    stuck: row.stuck,
    openEscalations: row.open_escalations,
    changedAt: row.changed_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
  };
}
