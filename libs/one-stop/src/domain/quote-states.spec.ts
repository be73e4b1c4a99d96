import { quoteOutcome, type QuoteLineAnswer, timedOutReason } from './quote-states';

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

describe('timedOutReason', () => {
  it('names every silent line with its role and node, and every refusal beside them', () => {
    const lines = [
      line({}),
      line({ role: 'z_end', nodeCode: '330200', feasible: null, oneTimeFen: null, monthlyFen: null }),
      line({
        role: 'transit',
        nodeCode: 'CN',
        feasible: false,
        reason: 'no circuit tariff for ddn at node CN',
      }),
    ];
    expect(timedOutReason(lines, 60)).toBe(
      'z_end 330200: no answer within 60 s; transit CN: no circuit tariff for ddn at node CN',
    );
    expect(timedOutReason([line({ feasible: null }), line({ role: 'z_end', feasible: null })], 5)).toBe(
      'a_end 440300: no answer within 5 s; z_end 440300: no answer within 5 s',
    );
  });

  it('has nothing to say when every line answered', () => {
    expect(
      timedOutReason([line({}), line({ role: 'z_end', feasible: false, reason: 'x' })], 60),
    ).toBeUndefined();
  });
});
