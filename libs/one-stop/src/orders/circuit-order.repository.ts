import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CircuitOrderStateChangeEntity } from './circuit-order-state-change.entity';
import { CircuitOrderEntity } from './circuit-order.entity';
import { CircuitSegmentEntity } from './circuit-segment.entity';

export type HistoryRow = Pick<CircuitOrderStateChangeEntity, 'orderId' | 'toState' | 'source' | 'actor'> &
  Partial<
    Pick<
      CircuitOrderStateChangeEntity,
      'segmentId' | 'role' | 'nodeCode' | 'attempt' | 'statusVersion' | 'fromState' | 'reason' | 'reportedAt'
    >
  >;

/**
 * Reads and writes of orders, segments and history inside the caller's transaction. Every path
 * that changes an order locks it first, then its segments, always in that order, so concurrent
 * changes of one order (a status, a cancel, a timer) queue up instead of deadlocking.
 */
@Injectable()
export class CircuitOrderRepository {
  async lockOrder(tx: EntityManager, id: string): Promise<CircuitOrderEntity | null> {
    return tx
      .getRepository(CircuitOrderEntity)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
  }

  /** The order's segments in role order (a_end, z_end, transit), locked with it. */
  async segmentsOf(tx: EntityManager, orderId: string): Promise<CircuitSegmentEntity[]> {
    return tx
      .getRepository(CircuitSegmentEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.order_id = :orderId', { orderId })
      .orderBy(`array_position(ARRAY['a_end', 'z_end', 'transit'], s.role)`)
      .getMany();
  }

  /**
   * Writes back what a saga step changed: the order's mutable columns in one UPDATE and every
   * segment's in one more (set-based), instead of TypeORM's read-before-write `save`, since
   * this runs for every status a node reports.
   */
  async save(
    tx: EntityManager,
    order: CircuitOrderEntity,
    segments: readonly CircuitSegmentEntity[] = [],
  ): Promise<void> {
    await tx.getRepository(CircuitOrderEntity).update(order.id, {
      state: order.state,
      stateReason: order.stateReason,
      expectedCompletionDate: order.expectedCompletionDate,
      completionDate: order.completionDate,
      completedAt: order.completedAt,
      heldAt: order.heldAt,
      heldFrom: order.heldFrom,
      version: order.version,
    });
    if (segments.length === 0) return;
    await tx.query(
      `UPDATE circuit_segment s
          SET attempt = u.attempt, state = u.state, status_version = u.status_version,
              work_order_id = u.work_order_id, refused_on_receipt = u.refused_on_receipt,
              reason = u.reason, expected_completion_date = u.expected_completion_date,
              circuit_id = u.circuit_id, handover = u.handover, deadline = u.deadline,
              dispatched_at = u.dispatched_at, acknowledged_at = u.acknowledged_at, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::bigint[], $5::uuid[], $6::boolean[], $7::text[],
                     $8::date[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[],
                     $13::timestamptz[])
           AS u(id, attempt, state, status_version, work_order_id, refused_on_receipt, reason,
                expected_completion_date, circuit_id, handover, deadline, dispatched_at, acknowledged_at)
        WHERE s.id = u.id`,
      [
        segments.map((s) => s.id),
        segments.map((s) => s.attempt),
        segments.map((s) => s.state),
        segments.map((s) => s.statusVersion.toString()),
        segments.map((s) => s.workOrderId),
        segments.map((s) => s.refusedOnReceipt),
        segments.map((s) => s.reason),
        segments.map((s) => s.expectedCompletionDate),
        segments.map((s) => s.circuitId),
        segments.map((s) => s.handover),
        segments.map((s) => s.deadline),
        segments.map((s) => s.dispatchedAt),
        segments.map((s) => s.acknowledgedAt),
      ],
    );
  }

  /**
   * Appends history rows. A segment status a node reported is stored once per version: a replay
   * (a re-sent status, a superseded attempt's late news) adds nothing. True when all were new.
   */
  async record(tx: EntityManager, rows: readonly HistoryRow[]): Promise<boolean> {
    if (rows.length === 0) return true;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO circuit_order_state_change
         (order_id, segment_id, role, node_code, attempt, status_version, from_state, to_state,
          reason, source, actor, reported_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::bigint[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
       ON CONFLICT (segment_id, attempt, status_version) WHERE status_version IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.orderId),
        rows.map((r) => r.segmentId ?? null),
        rows.map((r) => r.role ?? null),
        rows.map((r) => r.nodeCode ?? null),
        rows.map((r) => r.attempt ?? null),
        rows.map((r) =>
          r.statusVersion === undefined || r.statusVersion === null ? null : String(r.statusVersion),
        ),
        rows.map((r) => r.fromState ?? null),
        rows.map((r) => r.toState),
        rows.map((r) => r.reason ?? null),
        rows.map((r) => r.source),
        rows.map((r) => r.actor),
        rows.map((r) => r.reportedAt ?? null),
      ],
    );
    return inserted.length === rows.length;
  }
}
