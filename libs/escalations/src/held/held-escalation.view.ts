import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ESCALATION_STATUSES,
  ESCALATION_SUBJECT_TYPES,
  type EscalationFacts,
} from '../escalation-vocabulary';

export class EscalationFactsView {
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiPropertyOptional({ example: 'fault' }) ticketType?: string;
  @ApiPropertyOptional({ example: 'major' }) severity?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiPropertyOptional() groupMember?: boolean;
  @ApiPropertyOptional() circuitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) orderId?: string;
  @ApiPropertyOptional({ example: '330100', description: 'Node whose work is late' }) nodeCode?: string;
}

/** An escalation as its holder (a province, CN, a coordinator) sees it. No personal data. */
export class HeldEscalationView {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ enum: ESCALATION_SUBJECT_TYPES }) subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ description: 'The case (a ticket id) the subject belongs to' }) caseId!: string;
  @ApiProperty({ example: 'restoreBreach' }) reason!: string;
  @ApiProperty({ example: '440300', description: 'Node that raised it' }) raisedBy!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty({ type: EscalationFactsView }) facts!: EscalationFacts;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ format: 'date-time' }) breachedAt!: string;
  @ApiProperty({ format: 'date-time' }) raisedAt!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ enum: ESCALATION_STATUSES }) status!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Staff id' }) acknowledgedBy!:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) acknowledgementNote!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ticketResolved' }) closedWhy!: string | null;
}

export interface HeldEscalationRow {
  id: string;
  subject_type: string;
  subject_id: string;
  case_id: string;
  reason: string;
  raised_by: string;
  city_code: string;
  due_at: Date;
  breached_at: Date;
  raised_at: Date;
  facts: EscalationFacts;
  status: string;
  received_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  acknowledgement_note: string | null;
  closed_at: Date | null;
  closed_why: string | null;
}

export function toHeldEscalationView(row: HeldEscalationRow): HeldEscalationView {
  return {
    escalationId: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    caseId: row.case_id,
    reason: row.reason,
    raisedBy: row.raised_by,
    cityCode: row.city_code,
    facts: row.facts,
    dueAt: row.due_at.toISOString(),
    breachedAt: row.breached_at.toISOString(),
    raisedAt: row.raised_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    status: row.status,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    acknowledgementNote: row.acknowledgement_note,
    closedAt: row.closed_at?.toISOString() ?? null,
    closedWhy: row.closed_why,
  };
}
