import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type EscalationStateRow,
  EscalationStateView,
  toEscalationStateView,
} from '../escalation-state.view';
import type { EscalationFacts } from '../escalation-vocabulary';

export class EscalationFactsView {
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiPropertyOptional({ example: 'fault' }) ticketType?: string;
  @ApiPropertyOptional({ example: 'major' }) severity?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiPropertyOptional() groupMember?: boolean;
  @ApiPropertyOptional() circuitId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) orderId?: string;
  @ApiPropertyOptional({ example: '330100', description: 'Node whose work is late' }) nodeCode?: string;
  @ApiPropertyOptional({ example: 'z_end', description: "A circuit segment's role" }) role?: string;
  @ApiPropertyOptional({ example: 1, description: 'The late attempt of a circuit segment' }) attempt?: number;
  @ApiPropertyOptional({ example: 'accepted', description: "The segment's state when found late" })
  segmentState?: string;
}

/** An escalation as its holder (a province, CN, a coordinator) sees it. No personal data. */
export class HeldEscalationView extends EscalationStateView {
  @ApiProperty({ description: 'The case (a ticket id) the subject belongs to' }) caseId!: string;
  @ApiProperty({ example: '440300', description: 'Node that raised it' }) raisedBy!: string;
  @ApiProperty({ example: '440300' }) cityCode!: string;
  @ApiProperty({ type: EscalationFactsView }) facts!: EscalationFacts;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}

export interface HeldEscalationRow extends EscalationStateRow {
  case_id: string;
  raised_by: string;
  city_code: string;
  facts: EscalationFacts;
  received_at: Date;
}

export function toHeldEscalationView(row: HeldEscalationRow): HeldEscalationView {
  return {
    ...toEscalationStateView(row),
    caseId: row.case_id,
    raisedBy: row.raised_by,
    cityCode: row.city_code,
    facts: row.facts,
    receivedAt: row.received_at.toISOString(),
  };
}
