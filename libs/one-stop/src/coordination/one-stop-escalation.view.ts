import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SEGMENT_ROLES } from '../domain/segment-roles';
import { ESCALATION_RESOLUTIONS, ESCALATION_STATUSES } from './one-stop-escalation.entity';

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
  @ApiPropertyOptional({ enum: ESCALATION_RESOLUTIONS, nullable: true }) resolution!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff id of the coordinator' })
  resolvedBy!: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) requestId!: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

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
