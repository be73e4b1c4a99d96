/**
 * What an escalation is about: a trouble ticket's SLA, a fault check a node has not answered, or
 * a one-stop circuit segment not done by its deadline.
 */
export const ESCALATION_SUBJECT_TYPES = ['ticket', 'faultCheck', 'circuitSegment'] as const;
export type EscalationSubjectType = (typeof ESCALATION_SUBJECT_TYPES)[number];

/** open → acknowledged (by the holder) → closed (by the raiser); open → closed too. */
export const ESCALATION_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

/**
 * The facts an escalation carries to its holder: business data only, never a customer's name, a
 * reporter or a contact. Only these keys travel; anything else a caller passes is dropped.
 */
export interface EscalationFacts {
  cityCode: string;
  ticketType?: string;
  severity?: string;
  grade?: string;
  groupMember?: boolean;
  circuitId?: string;
  orderId?: string;
  nodeCode?: string;
  /** A circuit segment's role, the late attempt, and the segment's state when found late. */
  role?: string;
  attempt?: number;
  segmentState?: string;
}

const FACT_KEYS = [
  'cityCode',
  'ticketType',
  'severity',
  'grade',
  'groupMember',
  'circuitId',
  'orderId',
  'nodeCode',
  'role',
  'attempt',
  'segmentState',
] as const satisfies readonly (keyof EscalationFacts)[];

/** Keeps the known keys with a value, so a stray field (a name, a phone) cannot ride along. */
export function onlyFacts(facts: EscalationFacts): EscalationFacts {
  const kept: Record<string, unknown> = {};
  for (const key of FACT_KEYS) {
    const value = facts[key];
    if (value !== undefined && value !== null && value !== '') kept[key] = value;
  }
  return kept as unknown as EscalationFacts;
}
