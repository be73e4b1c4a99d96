import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-stop's escalations move onto @kaf/escalations (ADR 0045): the coordinator's
 * `one_stop_escalation` rows into `held_escalation`, the home city's `circuit_escalation` rows
 * into `raised_escalation`, ids kept, one subject per segment attempt (`<segmentId>/<attempt>`).
 * A resolved escalation is closed with its resolution; one the coordinator resolved by a request
 * also keeps who acknowledged it and the request. A raised one whose attempt is no longer open is
 * closed as `migrated`. The old tables are dropped one release later.
 */
export class MoveSegmentEscalations1796970000005 implements MigrationInterface {
  name = 'MoveSegmentEscalations1796970000005';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO held_escalation
         (id, subject_type, subject_id, case_id, reason, raised_by, city_code, due_at, breached_at,
          raised_at, facts, status, received_at, acknowledged_by, acknowledged_at,
          acknowledgement_note, closed_at, closed_why)
       SELECT e.id, 'circuitSegment', e.segment_id::text || '/' || e.attempt, e.order_id::text,
              'segmentOverdue', e.home_node, e.home_node, coalesce(e.deadline, e.breached_at),
              e.breached_at, e.breached_at,
              jsonb_build_object('cityCode', e.home_node, 'orderId', e.order_id::text,
                                 'nodeCode', e.node_code, 'role', e.role, 'attempt', e.attempt,
                                 'segmentState', e.segment_state),
              CASE WHEN e.status = 'open' THEN 'open' ELSE 'closed' END, e.received_at,
              e.resolved_by, CASE WHEN e.resolved_by IS NOT NULL THEN e.resolved_at END,
              CASE WHEN e.request_id IS NOT NULL THEN 'request ' || e.request_id::text END,
              CASE WHEN e.status = 'open' THEN NULL ELSE coalesce(e.resolved_at, e.received_at) END,
              CASE WHEN e.status = 'open' THEN NULL ELSE e.resolution END
         FROM one_stop_escalation e
       ON CONFLICT (id) DO NOTHING`,
    );
    await queryRunner.query(
      `INSERT INTO raised_escalation
         (id, subject_type, subject_id, case_id, reason, holder_node, due_at, breached_at, facts,
          status, raised_at, closed_at, closed_why)
       SELECT e.id, 'circuitSegment', e.segment_id::text || '/' || e.attempt, e.order_id::text,
              'segmentOverdue', e.coordinator, e.deadline, e.breached_at,
              jsonb_build_object('cityCode', o.home_node, 'orderId', e.order_id::text,
                                 'circuitId', o.circuit_id::text, 'nodeCode', e.node_code,
                                 'role', e.role, 'attempt', e.attempt,
                                 'segmentState', e.segment_state),
              CASE WHEN still_open THEN 'open' ELSE 'closed' END, e.breached_at,
              CASE WHEN still_open THEN NULL ELSE now() END,
              CASE WHEN still_open THEN NULL ELSE 'migrated' END
         FROM circuit_escalation e
         JOIN circuit_order o ON o.id = e.order_id
         LEFT JOIN circuit_segment s ON s.id = e.segment_id,
         LATERAL (SELECT coalesce(s.attempt = e.attempt
                    AND s.state IN ('dispatched', 'acknowledged', 'accepted', 'inProgress', 'pending'),
                    false) AS still_open) a
       ON CONFLICT DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM raised_escalation WHERE id IN (SELECT id FROM circuit_escalation)`);
    await queryRunner.query(`DELETE FROM held_escalation WHERE id IN (SELECT id FROM one_stop_escalation)`);
  }
}
