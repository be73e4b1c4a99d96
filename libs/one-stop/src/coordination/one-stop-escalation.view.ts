import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { SEGMENT_ESCALATION_CLOSINGS, SEGMENT_OVERDUE } from '../domain/segment-escalation';

/**
 * The coordinator's view of an escalation: `open` until the coordinator acts on it (the held
 * escalation acknowledged) or the home city closes it.
 */
export const ESCALATION_STATUSES = ['open', 'resolved'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/** A re-dispatch or cancel acknowledges the escalations it answers with this note. */
export function requestNote(requestId: string): string {
  return `request ${requestId}`;
}

export class OneStopEscalationView {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) segmentId!: string;
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ enum: SEGMENT_ROLES }) role!: string;
  @ApiProperty({ example: '330100' }) nodeCode!: string;
  @ApiProperty({ example: 'accepted', description: 'Segment state when the breach was found' })
  segmentState!: string;
  @ApiProperty({ example: '440300' }) homeNode!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deadline!: string | null;
  @ApiProperty({ format: 'date-time' }) breachedAt!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiPropertyOptional({ enum: SEGMENT_ESCALATION_CLOSINGS, nullable: true }) resolution!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff id of the coordinator' })
  resolvedBy!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) requestId!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

/**
 * The held escalations of late segments (ADR 0045) as the coordinator's view has them, from
 * `held_escalation e`: `resolution` is the held escalation's `closed_why`, or what the request
 * that acknowledged it asked for; `resolvedBy` who acknowledged it.
 */
export const SEGMENT_ESCALATIONS = `(
  SELECT e.id, e.case_id AS order_id, split_part(e.subject_id, '/', 1) AS segment_id,
         (e.facts->>'attempt')::int AS attempt, e.facts->>'role' AS role,
         e.facts->>'nodeCode' AS node_code, e.facts->>'segmentState' AS segment_state,
         e.raised_by AS home_node, e.due_at AS deadline, e.breached_at,
         CASE WHEN e.status = 'open' THEN 'open' ELSE 'resolved' END AS status,
         coalesce(e.closed_why,
                  CASE r.kind WHEN 'redispatch' THEN 'redispatched' WHEN 'cancel' THEN 'cancelled' END)
           AS resolution,
         CASE WHEN e.status = 'open' THEN NULL ELSE coalesce(e.acknowledged_at, e.closed_at) END
           AS resolved_at,
         e.acknowledged_by AS resolved_by, r.id AS request_id, e.received_at
    FROM held_escalation e
    LEFT JOIN one_stop_coordination_request r
      ON r.id = CASE WHEN e.acknowledgement_note ~ '^request [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                     THEN substring(e.acknowledgement_note from 9)::uuid END
     AND r.order_id::text = e.case_id
   WHERE e.subject_type = 'circuitSegment' AND e.reason = '${SEGMENT_OVERDUE}')`;

export interface EscalationRow {
  id: string;
  order_id: string;
  segment_id: string;
  attempt: number;
  role: string;
  node_code: string;
  segment_state: string;
  home_node: string;
  deadline: Date | null;
  breached_at: Date;
  status: string;
  resolution: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  request_id: string | null;
  received_at: Date;
}

export function toEscalationView(row: EscalationRow): OneStopEscalationView {
  return {
    escalationId: row.id,
    orderId: row.order_id,
    segmentId: row.segment_id,
    attempt: row.attempt,
    role: row.role,
    nodeCode: row.node_code,
    segmentState: row.segment_state,
    homeNode: row.home_node,
    deadline: row.deadline?.toISOString() ?? null,
    breachedAt: row.breached_at.toISOString(),
    status: row.status,
    resolution: row.resolution,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    resolvedBy: row.resolved_by,
    requestId: row.request_id,
    receivedAt: row.received_at.toISOString(),
  };
}
