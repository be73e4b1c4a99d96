import type { DeadlineNames } from '@kaf/platform';

/** One durable deadline per running SLA clock, due at its next unfired threshold (ADR 0046). */
export const SLA_DEADLINES: DeadlineNames = { queue: 'tickets-sla-thresholds', job: 'pass-sla-threshold' };

/** Settings of the SLA clocks, from the node's environment (apps/node config). */
export interface TicketSlaOptions {
  /** How often the thresholds' timers are rebuilt from the database (besides at boot). */
  reconcileIntervalMs: number;
}

export const TICKET_SLA_OPTIONS = Symbol('TICKET_SLA_OPTIONS');
