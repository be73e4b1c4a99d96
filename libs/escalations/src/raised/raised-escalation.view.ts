import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ESCALATION_STATUSES,
  ESCALATION_SUBJECT_TYPES,
  type EscalationFacts,
} from '../escalation-vocabulary';

/** An escalation as its raiser shows it on the case (a ticket), with the holder's acknowledgement. */
export class RaisedEscalationView {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ enum: ESCALATION_SUBJECT_TYPES }) subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ example: 'restoreBreach' }) reason!: string;
  @ApiProperty({ example: '440000', description: 'Node holding the escalation' }) holder!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) breachedAt!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff id at the holder' })
  acknowledgedBy!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) acknowledgementNote!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ticketResolved' }) closedWhy!: string | null;
}

export interface RaisedEscalationRow {
  id: string;
  subject_type: string;
  subject_id: string;
  case_id: string;
  reason: string;
  holder_node: string;
  due_at: Date;
  breached_at: Date;
  facts: EscalationFacts;
  status: string;
  raised_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  acknowledgement_note: string | null;
  closed_at: Date | null;
  closed_why: string | null;
}

export function toRaisedEscalationView(row: RaisedEscalationRow): RaisedEscalationView {
  return {
    escalationId: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reason: row.reason,
    holder: row.holder_node,
    dueAt: row.due_at.toISOString(),
    breachedAt: row.breached_at.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    status: row.status,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgementNote: row.acknowledgement_note,
    closedAt: row.closed_at?.toISOString() ?? null,
    closedWhy: row.closed_why,
  };
}
