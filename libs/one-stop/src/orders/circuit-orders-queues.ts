/** Queue and job names of circuit orders at the home city (BullMQ). */

/** One delayed job per segment attempt, due at its SLA deadline. */
export const SLA_CHECK_QUEUE = 'one-stop-sla-checks';
export const SLA_CHECK_JOB = 'check-segment-sla';

/** The job scheduler that re-creates lost SLA timers and fires overdue checks. */
export const SLA_RECONCILE_QUEUE = 'one-stop-sla-reconcile';
export const RECONCILE_SLA_TIMERS_JOB = 'reconcile-sla-timers';
