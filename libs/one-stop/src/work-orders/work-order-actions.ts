import type { WorkOrderState } from '../domain/work-order-states';

/**
 * What staff at the segment node can do with a work order, and from which states. Each action
 * names its source states itself (rather than relying on the transition table alone) so that
 * `start` and `resume`, which both lead to inProgress, keep their meaning.
 */
export const WORK_ORDER_ACTIONS = {
  accept: { from: ['acknowledged'], to: 'accepted' },
  reject: { from: ['acknowledged'], to: 'rejected' },
  start: { from: ['accepted'], to: 'inProgress' },
  pending: { from: ['inProgress'], to: 'pending' },
  resume: { from: ['pending'], to: 'inProgress' },
  complete: { from: ['inProgress'], to: 'done' },
  fail: { from: ['accepted', 'inProgress', 'pending'], to: 'failed' },
} as const satisfies Record<string, { from: readonly WorkOrderState[]; to: WorkOrderState }>;

export type WorkOrderAction = keyof typeof WORK_ORDER_ACTIONS;

/** Why `action` cannot be done on a work order in `state`, or undefined when it can. */
export function actionConflict(action: WorkOrderAction, state: WorkOrderState): string | undefined {
  const rule = WORK_ORDER_ACTIONS[action];
  if ((rule.from as readonly WorkOrderState[]).includes(state)) return undefined;
  return `state: the work order is ${state}; ${action} needs it ${rule.from.join(' or ')}`;
}
