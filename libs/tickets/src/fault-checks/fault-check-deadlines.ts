import type { DeadlineNames } from '@kaf/platform';

/** One durable deadline per check waiting for its node's first answer (ADR 0047, on ADR 0046). */
export const FAULT_CHECK_DEADLINES: DeadlineNames = {
  queue: 'tickets-fault-checks',
  job: 'fault-check-overdue',
};

/** Settings of the fault checks, from the node's environment (apps/node config). */
export interface FaultChecksOptions {
  /** How often the checks' timers are rebuilt from the database (besides at boot). */
  reconcileIntervalMs: number;
}

export const FAULT_CHECKS_OPTIONS = Symbol('FAULT_CHECKS_OPTIONS');
