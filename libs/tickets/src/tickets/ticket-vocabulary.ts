/** TMF621 ticket types as this operator uses them (障碍申告、投诉、咨询、业务办理). */
export const TICKET_TYPES = ['fault', 'complaint', 'inquiry', 'serviceRequest'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_SEVERITIES = ['critical', 'major', 'minor'] as const;
export type TicketSeverity = (typeof TICKET_SEVERITIES)[number];

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
