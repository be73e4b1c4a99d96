import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  type Escalation,
  EscalationClosedSchema,
  EscalationFactsSchema,
  EscalationRaisedSchema,
  EscalationSchema,
} from '@kaf/contracts';

/** An escalation as a city's raiser sends it: a late fault of an A-grade customer by default. */
export function anEscalation(
  over: Partial<Omit<Escalation, 'facts'>> & { cityCode?: string } = {},
): Escalation {
  const caseId = over.caseId ?? randomUUID();
  const { cityCode = '440300', ...fields } = over;
  return create(EscalationSchema, {
    escalationId: randomUUID(),
    subjectType: 'ticket',
    subjectId: caseId,
    caseId,
    reason: 'restoreBreach',
    raisedBy: '440300',
    holder: '440000',
    dueAt: timestampFromDate(new Date(Date.now() - 60_000)),
    breachedAt: timestampFromDate(new Date(Date.now() - 59_000)),
    raisedAt: timestampFromDate(new Date()),
    ...fields,
    facts: create(EscalationFactsSchema, { cityCode, ticketType: 'fault', severity: 'major', grade: 'A' }),
  });
}

export const raised = (escalation: Escalation) => create(EscalationRaisedSchema, { escalation });

export const closed = (escalation: Escalation, why = 'ticketResolved') =>
  create(EscalationClosedSchema, { escalation, closedAt: timestampFromDate(new Date()), why });
