import type { FaultCheckResult } from '../domain/fault-check-results';
import type { WorkOrderState } from '../domain/work-order-states';

/**
 * A fault check's answers at the segment node, in the work order's own states: received
 * (acknowledged) → found (inProgress, the fault is being repaired) → restored (done); or
 * acknowledged → notFound (done). Each answer goes to the home city.
 */
export const FAULT_CHECK_ACTIONS = {
  found: { from: ['acknowledged'], to: 'inProgress', result: 'found' },
  notFound: { from: ['acknowledged'], to: 'done', result: 'notFound' },
  restored: { from: ['inProgress'], to: 'done', result: 'restored' },
} as const satisfies Record<
  string,
  { from: readonly WorkOrderState[]; to: WorkOrderState; result: FaultCheckResult }
>;

export type FaultCheckAction = keyof typeof FAULT_CHECK_ACTIONS;

/** A check still waiting for an answer or for restoration; the home city may still cancel it. */
export function isOpenFaultCheck(state: WorkOrderState): boolean {
  return state === 'acknowledged' || state === 'inProgress';
}

/** Why `action` cannot answer a check in `state`, or undefined when it can. */
export function faultCheckConflict(action: FaultCheckAction, state: WorkOrderState): string | undefined {
  const rule = FAULT_CHECK_ACTIONS[action];
  if ((rule.from as readonly WorkOrderState[]).includes(state)) return undefined;
  const found = state === 'inProgress' ? ' (found)' : '';
  return `state: the fault check is ${state}${found}; ${action} needs it ${rule.from.join(' or ')}`;
}
