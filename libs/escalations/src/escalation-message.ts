import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type Escalation, EscalationFactsSchema, EscalationSchema } from '@kaf/contracts';
import { ESCALATION_SUBJECT_TYPES, type EscalationFacts, onlyFacts } from './escalation-vocabulary';

/** An escalation as both ends know it, whatever table holds it. */
export interface EscalationRecord {
  id: string;
  subjectType: string;
  subjectId: string;
  caseId: string;
  reason: string;
  raisedBy: string;
  holder: string;
  dueAt: Date;
  breachedAt: Date;
  raisedAt: Date;
  facts: EscalationFacts;
}

export function toEscalationMessage(e: EscalationRecord): Escalation {
  const f = onlyFacts(e.facts);
  return create(EscalationSchema, {
    escalationId: e.id,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    caseId: e.caseId,
    reason: e.reason,
    raisedBy: e.raisedBy,
    holder: e.holder,
    dueAt: timestampFromDate(e.dueAt),
    breachedAt: timestampFromDate(e.breachedAt),
    raisedAt: timestampFromDate(e.raisedAt),
    facts: create(EscalationFactsSchema, {
      cityCode: f.cityCode,
      ticketType: f.ticketType ?? '',
      severity: f.severity ?? '',
      grade: f.grade ?? '',
      groupMember: f.groupMember ?? false,
      circuitId: f.circuitId ?? '',
      orderId: f.orderId ?? '',
      nodeCode: f.nodeCode ?? '',
      role: f.role ?? '',
      attempt: f.attempt ?? 0,
      segmentState: f.segmentState ?? '',
    }),
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The record a message carries, or why it cannot be one (a refusal the inbox dead-letters: a
 * malformed escalation will not become well-formed on redelivery).
 */
export function fromEscalationMessage(m: Escalation | undefined): EscalationRecord | string {
  if (!m) return 'escalation missing';
  if (!UUID.test(m.escalationId)) return `escalation_id ${JSON.stringify(m.escalationId)} is not a UUID`;
  if (!(ESCALATION_SUBJECT_TYPES as readonly string[]).includes(m.subjectType))
    return `subject_type ${JSON.stringify(m.subjectType)} is not one of ${ESCALATION_SUBJECT_TYPES.join(', ')}`;
  for (const [field, value] of [
    ['subject_id', m.subjectId],
    ['case_id', m.caseId],
    ['reason', m.reason],
    ['raised_by', m.raisedBy],
    ['holder', m.holder],
    ['facts.city_code', m.facts?.cityCode],
  ] as const) {
    if (!value) return `${field} missing`;
  }
  if (!m.dueAt || !m.breachedAt || !m.raisedAt) return 'due_at, breached_at and raised_at are required';
  const f = m.facts!;
  return {
    id: m.escalationId.toLowerCase(),
    subjectType: m.subjectType,
    subjectId: m.subjectId,
    caseId: m.caseId,
    reason: m.reason,
    raisedBy: m.raisedBy,
    holder: m.holder,
    dueAt: timestampDate(m.dueAt),
    breachedAt: timestampDate(m.breachedAt),
    raisedAt: timestampDate(m.raisedAt),
    facts: onlyFacts({
      cityCode: f.cityCode,
      ticketType: f.ticketType,
      severity: f.severity,
      grade: f.grade,
      groupMember: f.groupMember || undefined,
      circuitId: f.circuitId,
      orderId: f.orderId,
      nodeCode: f.nodeCode,
      role: f.role,
      attempt: f.attempt || undefined,
      segmentState: f.segmentState,
    }),
  };
}
