import type { DeadlineNames } from '@kaf/platform';

/** One durable deadline per resolved ticket: it closes by itself `autoCloseDays` later (ADR 0046). */
export const AUTO_CLOSE_DEADLINES: DeadlineNames = {
  queue: 'tickets-auto-close',
  job: 'close-resolved-ticket',
};

/** Settings of the tickets capability's timers. */
export interface TicketsOptions {
  /** How often the auto-close timers are rebuilt from the database (besides at boot). */
  autoCloseReconcileIntervalMs: number;
}

export const TICKETS_OPTIONS = Symbol('TICKETS_OPTIONS');

export const DEFAULT_TICKETS_OPTIONS: TicketsOptions = { autoCloseReconcileIntervalMs: 10 * 60_000 };

const DAY_MS = 86_400_000;

/** When a ticket resolved at `resolvedAt` closes by itself. */
export function autoCloseAt(resolvedAt: Date, autoCloseDays: number): Date {
  return new Date(resolvedAt.getTime() + autoCloseDays * DAY_MS);
}
