import type { DeadlineNames } from '@kaf/platform';

/**
 * Renewal reminders of the city's agreements, durable deadlines (ADR 0046, on ADR 0013): one
 * delayed job per active agreement's reminder terms, due on the reminder day, and the reconcile
 * pass on the same queue.
 */
export const RENEWAL_REMINDERS: DeadlineNames = {
  queue: 'agreements-renewal-reminders',
  job: 'remind-renewal',
};
