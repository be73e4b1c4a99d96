import { AGREEMENT_STATUSES, canTransition, isFinal } from './agreement-status';

describe('agreement status transitions', () => {
  const allowed = new Set(['draft>active', 'draft>terminated', 'active>terminated', 'active>expired']);

  for (const from of AGREEMENT_STATUSES) {
    for (const to of AGREEMENT_STATUSES) {
      const key = `${from}>${to}`;
      it(`${allowed.has(key) ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(allowed.has(key));
      });
    }
  }

  it('treats expired and terminated as final', () => {
    expect(AGREEMENT_STATUSES.filter(isFinal)).toEqual(['expired', 'terminated']);
  });
});
