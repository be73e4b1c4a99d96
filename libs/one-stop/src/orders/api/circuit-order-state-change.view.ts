import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CircuitOrderStateChangeEntity } from '../circuit-order-state-change.entity';

/** One change of an order (no segment) or of one of its segments. */
export class CircuitOrderStateChangeView {
  @ApiProperty({ description: 'Position in the history (oldest first)' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When the home city recorded it' }) changedAt!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for the order itself',
  })
  segmentId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) role!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) nodeCode!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) attempt!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The node's work-order version" })
  statusVersion!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ enum: ['api', 'segment-node', 'coordinator', 'home'] }) source!: string;
  @ApiProperty({ description: 'Staff id or node code' }) actor!: string;
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When it happened at the segment node (that node's clock)",
  })
  reportedAt!: string | null;
}

export function toStateChangeView(row: CircuitOrderStateChangeEntity): CircuitOrderStateChangeView {
  return {
    id: row.id,
    changedAt: row.changedAt.toISOString(),
    segmentId: row.segmentId,
    role: row.role,
    nodeCode: row.nodeCode,
    attempt: row.attempt,
    statusVersion: row.statusVersion === null ? null : row.statusVersion.toString(),
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    source: row.source,
    actor: row.actor,
    reportedAt: row.reportedAt?.toISOString() ?? null,
  };
}
