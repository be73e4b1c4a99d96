import type { DeadlineNames } from '@kaf/platform';

/**
 * Segment SLA timers at the home city, durable deadlines (ADR 0046, on ADR 0020): one delayed job
 * per open segment attempt, due at its deadline, and the reconcile pass on the same queue.
 */
export const SLA_CHECKS: DeadlineNames = { queue: 'one-stop-sla-checks', job: 'check-segment-sla' };
