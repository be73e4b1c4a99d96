import type { CustomerStatus } from './customer-vocabulary';

/**
 * Allowed lifecycle moves. A churned customer can be won back, and starts again as a prospect.
 */
export const STATUS_TRANSITIONS: Record<CustomerStatus, readonly CustomerStatus[]> = {
  prospect: ['active', 'churned'],
  active: ['suspended', 'churned'],
  suspended: ['active', 'churned'],
  churned: ['prospect'],
};

/** Moves into these states must say why. */
const REASON_REQUIRED: ReadonlySet<CustomerStatus> = new Set(['suspended', 'churned']);

export type StatusChangeProblem =
  { kind: 'transition'; message: string } | { kind: 'reason'; message: string };

/** Why moving from `from` to `to` is refused, or undefined when it is allowed. */
export function statusChangeProblem(
  from: CustomerStatus,
  to: CustomerStatus,
  reason: string | undefined,
): StatusChangeProblem | undefined {
  if (!STATUS_TRANSITIONS[from].includes(to)) {
    const allowed = STATUS_TRANSITIONS[from].join(', ');
    return {
      kind: 'transition',
      message: `status cannot change from ${from} to ${to} (allowed from ${from}: ${allowed})`,
    };
  }
  if (REASON_REQUIRED.has(to) && !reason?.trim()) {
    return { kind: 'reason', message: `a reason is required to move a customer to ${to}` };
  }
  return undefined;
}
