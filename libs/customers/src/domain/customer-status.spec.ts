import { CUSTOMER_STATUSES, type CustomerStatus } from './customer-vocabulary';
import { STATUS_TRANSITIONS, statusChangeProblem } from './customer-status';

describe('customer status transitions', () => {
  const allowed: [CustomerStatus, CustomerStatus][] = [
    ['prospect', 'active'],
    ['prospect', 'churned'],
    ['active', 'suspended'],
    ['active', 'churned'],
    ['suspended', 'active'],
    ['suspended', 'churned'],
    ['churned', 'prospect'],
  ];

  it.each(allowed)('allows %s → %s (with a reason)', (from, to) => {
    expect(statusChangeProblem(from, to, 'because')).toBeUndefined();
  });

  it('refuses every other move, including staying put', () => {
    for (const from of CUSTOMER_STATUSES) {
      for (const to of CUSTOMER_STATUSES) {
        if (allowed.some(([f, t]) => f === from && t === to)) continue;
        expect(statusChangeProblem(from, to, 'because')).toMatchObject({ kind: 'transition' });
      }
    }
  });

  it('names the allowed targets when refusing', () => {
    expect(statusChangeProblem('churned', 'active', undefined)?.message).toContain('prospect');
  });

  it.each<CustomerStatus>(['suspended', 'churned'])('requires a reason to move to %s', (to) => {
    const from: CustomerStatus = to === 'suspended' ? 'active' : 'prospect';
    expect(statusChangeProblem(from, to, undefined)).toMatchObject({ kind: 'reason' });
    expect(statusChangeProblem(from, to, '   ')).toMatchObject({ kind: 'reason' });
  });

  it('needs no reason to activate or win back', () => {
    expect(statusChangeProblem('prospect', 'active', undefined)).toBeUndefined();
    expect(statusChangeProblem('suspended', 'active', undefined)).toBeUndefined();
    expect(statusChangeProblem('churned', 'prospect', undefined)).toBeUndefined();
  });

  it('has an entry for every state', () => {
    expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...CUSTOMER_STATUSES].sort());
  });
});
