/** Queue and job names of the tickets capability (BullMQ). */
export const TICKET_AUTO_CLOSE_QUEUE = 'tickets-auto-close';
export const CLOSE_RESOLVED_TICKET_JOB = 'close-resolved-ticket';

export const TICKET_AUTO_CLOSE_RECONCILE_QUEUE = 'tickets-auto-close-reconcile';
export const RECONCILE_AUTO_CLOSE_JOB = 'reconcile-auto-close';

export const TICKETS_OPTIONS = Symbol('TICKETS_OPTIONS');

export interface TicketsOptions {
  /** How often the auto-close timers are rebuilt from the database (besides at boot). */
  autoCloseReconcileIntervalMs: number;
}

export const DEFAULT_TICKETS_OPTIONS: TicketsOptions = { autoCloseReconcileIntervalMs: 10 * 60_000 };
