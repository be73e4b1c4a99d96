import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COORDINATION_REQUEST_KINDS } from './coordination-request.entity';

export class CoordinationRequestView {
  @ApiProperty({ format: 'uuid', description: 'request_id of the message sent to the home city' })
  requestId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ enum: COORDINATION_REQUEST_KINDS }) kind!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) segmentId!: string | null;
  @ApiProperty({ example: '乙端资源核查超时，改派' }) reason!: string;
  @ApiProperty({ description: 'Staff id of the coordinator' }) requestedBy!: string;
  @ApiProperty({ example: '440300', description: 'Home city the request went to' }) homeNode!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
}

/** Answer to a re-dispatch or cancel: the request sent, and the escalations it resolved. */
export class CoordinationActionView extends CoordinationRequestView {
  @ApiProperty({ type: [String], description: 'Escalations resolved by this request' })
  escalationsResolved!: string[];
}

export interface CoordinationRequestRow {
  id: string;
  order_id: string;
  kind: string;
  segment_id: string | null;
  reason: string;
  requested_by: string;
  home_node: string;
  requested_at: Date;
}

export function toCoordinationRequestView(row: CoordinationRequestRow): CoordinationRequestView {
  return {
    requestId: row.id,
    orderId: row.order_id,
    kind: row.kind,
    segmentId: row.segment_id,
    reason: row.reason,
    requestedBy: row.requested_by,
    homeNode: row.home_node,
    requestedAt: row.requested_at.toISOString(),
  };
}
