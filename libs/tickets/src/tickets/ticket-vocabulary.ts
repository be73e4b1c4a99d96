// Ticket types and severities key the service policy every tier keeps, so they live there.
export { TICKET_SEVERITIES, TICKET_TYPES, type TicketSeverity, type TicketType } from '@kaf/service-policy';

export const TICKET_PRIORITIES = ['high', 'medium', 'low'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** TMF621 Trouble Ticket v5 states. */
export const TICKET_STATUSES = [
  'acknowledged',
  'inProgress',
  'pending',
  'held',
  'resolved',
  'closed',
  'rejected',
  'cancelled',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** States in which the SLA clock stands still: waiting on the customer, or held. */
export const PAUSED_TICKET_STATUSES: readonly TicketStatus[] = ['pending', 'held'];

/** States a ticket never leaves. */
export const FINAL_TICKET_STATUSES: readonly TicketStatus[] = ['closed', 'rejected', 'cancelled'];

export const TICKET_CHANNELS = ['phone', 'accountManager', 'web', 'networkAlarm'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
