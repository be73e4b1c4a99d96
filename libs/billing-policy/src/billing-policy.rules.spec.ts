import { changesValueClasses, policyProblem, WHOLE_FEN } from './billing-policy.rules';

describe('billing policy rules', () => {
  it('accepts thresholds from 0 to 10^15 fen and churn percentages from 1 to 99', () => {
    expect(policyProblem({ highValueMinMonthlyFen: 0n, churnDropPercent: 1 })).toBeUndefined();
    expect(policyProblem({ highValueMinMonthlyFen: 10n ** 15n, churnDropPercent: 99 })).toBeUndefined();
    expect(policyProblem({ highValueMinMonthlyFen: 10n ** 15n + 1n, churnDropPercent: 30 })).toMatch(
      /^highValueMinMonthlyFen /,
    );
    expect(policyProblem({ highValueMinMonthlyFen: -1n, churnDropPercent: 30 })).toMatch(
      /^highValueMinMonthlyFen /,
    );
    expect(policyProblem({ highValueMinMonthlyFen: 1n, churnDropPercent: 0 })).toMatch(/^churnDropPercent /);
    expect(policyProblem({ highValueMinMonthlyFen: 1n, churnDropPercent: 100 })).toMatch(
      /^churnDropPercent /,
    );
    expect(policyProblem({ highValueMinMonthlyFen: 1n, churnDropPercent: 2.5 })).toMatch(
      /^churnDropPercent /,
    );
  });

  it('takes whole fen as a plain decimal string only', () => {
    for (const ok of ['0', '5000000', '1000000000000000']) expect(WHOLE_FEN.test(ok)).toBe(true);
    for (const bad of ['', '-1', '+5', '05', '1.5', '1e6', ' 5', '12345678901234567'])
      expect(WHOLE_FEN.test(bad)).toBe(false);
  });

  it('re-derives value classes only when the high-value threshold moves', () => {
    const base = { version: 1n, highValueMinMonthlyFen: 5_000_000n, churnDropPercent: 30 };
    expect(changesValueClasses(base, { ...base, version: 2n, churnDropPercent: 40 })).toBe(false);
    expect(changesValueClasses(base, { ...base, version: 2n, highValueMinMonthlyFen: 5_000_001n })).toBe(
      true,
    );
  });
});
