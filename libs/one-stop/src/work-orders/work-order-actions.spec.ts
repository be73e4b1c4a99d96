import { canMoveWorkOrder, WORK_ORDER_STATES } from '../domain/work-order-states';
import { actionConflict, WORK_ORDER_ACTIONS, type WorkOrderAction } from './work-order-actions';

describe('work order actions', () => {
  it('only ever make moves the transition table allows', () => {
    for (const [action, rule] of Object.entries(WORK_ORDER_ACTIONS)) {
      for (const from of rule.from)
        expect([action, from, canMoveWorkOrder(from, rule.to)]).toEqual([action, from, true]);
    }
  });

  it('tell start from resume although both lead to inProgress', () => {
    expect(actionConflict('start', 'accepted')).toBeUndefined();
    expect(actionConflict('start', 'pending')).toMatch(/is pending; start needs it accepted/);
    expect(actionConflict('resume', 'pending')).toBeUndefined();
    expect(actionConflict('resume', 'accepted')).toMatch(/resume needs it pending/);
  });

  it('refuse every action on a closed work order, naming its state', () => {
    for (const state of ['rejected', 'failed', 'cancelled'] as const) {
      for (const action of Object.keys(WORK_ORDER_ACTIONS) as WorkOrderAction[]) {
        expect(actionConflict(action, state)).toMatch(new RegExp(`^state: the work order is ${state}`));
      }
    }
  });

  it('leave a done work order to the home city (only a cancel releases it)', () => {
    expect(WORK_ORDER_STATES.filter((s) => actionConflict('fail', s) === undefined)).toEqual([
      'accepted',
      'inProgress',
      'pending',
    ]);
    for (const action of Object.keys(WORK_ORDER_ACTIONS) as WorkOrderAction[]) {
      expect(actionConflict(action, 'done')).toBeDefined();
    }
  });
});
