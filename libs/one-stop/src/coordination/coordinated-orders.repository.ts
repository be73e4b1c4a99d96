import { Injectable } from '@nestjs/common';
import type { CircuitOrderStatus } from '@kaf/contracts';
import type { EntityManager } from 'typeorm';
import { isCircuitAction } from '../domain/circuit-actions';
import type { OrderState } from '../domain/order-states';
import type { SegmentPlan } from '../domain/segment-plan';
import type { CoordinatedSegment } from './coordinated-circuit-order.entity';
import { instantOf } from './coordination-admission';
import { nextOpenDeadline } from './coordinated-order.rules';
import { UUID } from '../domain/home-city-sender';

/** The parts of a stored order the handlers and actions decide on. */
export interface StoredOrderHead {
  orderId: string;
  homeNode: string;
  version: bigint;
  state: OrderState;
  segments: CoordinatedSegment[];
}

export type StatusOutcome = 'applied' | 'stale';

/** Writes of the coordinator's copy of orders, inside the caller's transaction. */
@Injectable()
export class CoordinatedOrdersRepository {
  /** The stored order, locked until the transaction ends, or undefined. */
  async lock(tx: EntityManager, orderId: string): Promise<StoredOrderHead | undefined> {
    const rows: { home_node: string; version: string; state: OrderState; segments: CoordinatedSegment[] }[] =
      await tx.query(
        `SELECT home_node, version::text AS version, state, segments
           FROM coordinated_circuit_order WHERE order_id = $1 FOR UPDATE`,
        [orderId],
      );
    const row = rows[0];
    return (
      row && {
        orderId,
        homeNode: row.home_node,
        version: BigInt(row.version),
        state: row.state,
        segments: row.segments,
      }
    );
  }

  /**
   * Stores `status` when its version is above the stored one (last version wins, so duplicates
   * and stragglers change nothing). `existing` is the locked row from `lock`.
   */
  async applyStatus(
    tx: EntityManager,
    status: CircuitOrderStatus,
    plan: SegmentPlan,
    existing: StoredOrderHead | undefined,
  ): Promise<StatusOutcome> {
    if (existing && existing.version >= status.version) return 'stale';
    const state = status.state as OrderState;
    const segments: CoordinatedSegment[] = status.segments.map((s) => ({
      segmentId: s.segmentId.toLowerCase(),
      role: s.role,
      nodeCode: s.nodeCode,
      attempt: s.attempt,
      state: s.state,
      reason: s.reason,
      deadline: instantOf(s.deadline)?.toISOString() ?? null,
    }));
    await tx.query(
      `INSERT INTO coordinated_circuit_order
         (order_id, version, home_node, customer_id, customer_name, product, bandwidth_mbps,
          a_end_node, z_end_node, transit_node, a_end_province, z_end_province, state, state_reason,
          requested_date, expected_completion_date, ordered_at, completed_at, monthly_charge_fen,
          segments, next_open_deadline, changed_at, action, circuit_id, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
               $20::jsonb, $21, $22, $23, $24, now())
       ON CONFLICT (order_id) DO UPDATE SET
         version = excluded.version, customer_id = excluded.customer_id,
         customer_name = excluded.customer_name, product = excluded.product,
         bandwidth_mbps = excluded.bandwidth_mbps, a_end_node = excluded.a_end_node,
         z_end_node = excluded.z_end_node, transit_node = excluded.transit_node,
         a_end_province = excluded.a_end_province, z_end_province = excluded.z_end_province,
         state = excluded.state, state_reason = excluded.state_reason,
         requested_date = excluded.requested_date,
         expected_completion_date = excluded.expected_completion_date,
         ordered_at = excluded.ordered_at, completed_at = excluded.completed_at,
         monthly_charge_fen = excluded.monthly_charge_fen, segments = excluded.segments,
         next_open_deadline = excluded.next_open_deadline, changed_at = excluded.changed_at,
         action = excluded.action, circuit_id = excluded.circuit_id, received_at = now()
       WHERE coordinated_circuit_order.version < excluded.version`,
      [
        status.orderId.toLowerCase(),
        status.version.toString(),
        status.homeNode,
        status.customerId,
        status.customerName,
        status.product,
        status.bandwidthMbps,
        status.aEndNode,
        status.zEndNode,
        plan.transitNode ?? null,
        plan.aEndProvince,
        plan.zEndProvince,
        state,
        status.stateReason || null,
        status.requestedDate || null,
        status.expectedCompletionDate || null,
        instantOf(status.createdAt),
        instantOf(status.completedAt),
        status.monthlyChargeFen.toString(),
        JSON.stringify(segments),
        nextOpenDeadline(state, segments),
        instantOf(status.changedAt),
        isCircuitAction(status.action) ? status.action : 'add',
        UUID.test(status.circuitId) ? status.circuitId.toLowerCase() : null,
      ],
    );
    return 'applied';
  }
}
