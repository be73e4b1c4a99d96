/**
 * The words the SLA table is keyed by. Ticket types and severities are TMF621's as this operator
 * uses them (障碍申告、投诉、咨询、业务办理); they live here, below the tickets, because the policy
 * that every tier keeps is keyed by them and the city's tickets import it, not the other way round.
 */
export const TICKET_TYPES = ['fault', 'complaint', 'inquiry', 'serviceRequest'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];

/** The customer grades targets are set for (the customer record's grades, A the highest). */
export const SLA_GRADES = ['A', 'B', 'C'] as const;
export type SlaGrade = (typeof SLA_GRADES)[number];

/** Customer classes (重要、战略) that are served on grade A's targets whatever their grade. */
export const GRADE_A_CLASSES: readonly string[] = ['important', 'strategic'];
