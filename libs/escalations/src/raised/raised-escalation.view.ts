import { ApiProperty } from '@nestjs/swagger';
import {
  type EscalationStateRow,
  EscalationStateView,
  toEscalationStateView,
} from '../escalation-state.view';
import type { EscalationFacts } from '../escalation-vocabulary';
import { EscalationFactsView } from '../held/held-escalation.view';

/** An escalation as its raiser shows it on the case (a ticket), with the holder's acknowledgement. */
export class RaisedEscalationView extends EscalationStateView {
  @ApiProperty({ example: '440000', description: 'Node holding the escalation' }) holder!: string;
  @ApiProperty({ type: EscalationFactsView, description: 'What was sent to the holder' })
  facts!: EscalationFacts;
}

export interface RaisedEscalationRow extends EscalationStateRow {
  case_id: string;
  holder_node: string;
  facts: EscalationFacts;
}

export function toRaisedEscalationView(row: RaisedEscalationRow): RaisedEscalationView {
  return { ...toEscalationStateView(row), holder: row.holder_node, facts: row.facts };
}
