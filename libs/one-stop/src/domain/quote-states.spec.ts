import { quoteOutcome, type QuoteLineAnswer } from './quote-states';

const line = (over: Partial<QuoteLineAnswer>): QuoteLineAnswer => ({
  role: 'a_end',
  nodeCode: '440300',
  feasible: true,
  reason: null,
  oneTimeFen: 100n,
  monthlyFen: 1000n,
  ...over,
});

describe('quoteOutcome', () => {
  it('waits while any line is unanswered', () => {
    expect(quoteOutcome([line({}), line({ role: 'z_end', feasible: null })])).toEqual({
      state: 'requested',
    });
    expect(quoteOutcome([])).toEqual({ state: 'requested' });
  });

  it('sums every line to the fen when all are feasible', () => {
    expect(
      quoteOutcome([
        line({ oneTimeFen: 500_000n, monthlyFen: 1_234_567n }),
        line({ role: 'z_end', nodeCode: '330100', oneTimeFen: 300_001n, monthlyFen: 7n }),
        line({ role: 'transit', nodeCode: 'CN', oneTimeFen: 0n, monthlyFen: 9_007_199_254_740_993n }),
      ]),
    ).toEqual({ state: 'quoted', oneTimeTotalFen: 800_001n, monthlyTotalFen: 9_007_199_255_975_567n });
  });

  it('is infeasible with every refusing line and its reason', () => {
    expect(
      quoteOutcome([
        line({}),
        line({ role: 'z_end', nodeCode: '330100', feasible: false, reason: 'no circuit tariff for ddn' }),
        line({ role: 'transit', nodeCode: 'CN', feasible: false, reason: 'bandwidth too wide' }),
      ]),
    ).toEqual({
      state: 'infeasible',
      reason: 'z_end 330100: no circuit tariff for ddn; transit CN: bandwidth too wide',
    });
  });
});
