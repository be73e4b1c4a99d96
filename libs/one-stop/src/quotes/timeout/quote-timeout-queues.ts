/** Queue and job names of quote timeouts at the home city (BullMQ). */

/** One delayed job per requested quote, due when its answers must be in. */
export const QUOTE_TIMEOUT_QUEUE = 'one-stop-quote-timeouts';
export const QUOTE_TIMEOUT_JOB = 'time-out-quote';

/** The job scheduler that re-creates lost quote timers and times out overdue quotes. */
export const QUOTE_RECONCILE_QUEUE = 'one-stop-quote-reconcile';
export const RECONCILE_QUOTE_TIMERS_JOB = 'reconcile-quote-timers';
