import type { DeadlineNames } from '@kaf/platform';

/**
 * Quote timeouts at the home city, durable deadlines (ADR 0046): one delayed job per requested
 * quote, due when its answers must be in, and the reconcile pass on the same queue.
 */
export const QUOTE_TIMEOUTS: DeadlineNames = { queue: 'one-stop-quote-timeouts', job: 'time-out-quote' };
