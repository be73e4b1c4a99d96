import type { Escalation } from '@kaf/contracts';
import { type EscalationRecord, fromEscalationMessage } from '../escalation-message';

/**
 * The escalation a raise or close from `source` carries for this node `self`, or why it is
 * refused. Whether `source` may raise to this node at all is the handlers' declared senders
 * (EscalationAdmissions); here the message must also be addressed to this node and name its sender as
 * the raiser, so one node cannot raise or close in another's name.
 */
export function admitEscalation(
  escalation: Escalation | undefined,
  source: string,
  self: string,
): EscalationRecord | string {
  const record = fromEscalationMessage(escalation);
  if (typeof record === 'string') return record;
  if (record.holder !== self) return `escalation ${record.id} is for ${record.holder}, not for ${self}`;
  if (record.raisedBy !== source)
    return `escalation ${record.id} names ${record.raisedBy} as raiser, not ${source}`;
  return record;
}
