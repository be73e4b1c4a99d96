import { churnRiskOf, trailingAverageFen } from './churn-risk';

const policy = { version: 0n, highValueMinMonthlyFen: 5_000_000n, churnDropPercent: 30 };

describe('churn risk under the billing policy', () => {
  it('trailing average of three months to whole fen', () => {
    expect(trailingAverageFen(3_000_000n)).toBe(1_000_000n);
    expect(trailingAverageFen(1_000_000n)).toBe(333_333n);
    expect(trailingAverageFen(2_000_000n)).toBe(666_667n);
  });

  it('revenue_drop strictly below (100 - p)% of the trailing average, compared on the exact sum', () => {
    // Average 1,000,000: 70% is 700,000.
    const at = (month: bigint) =>
      churnRiskOf({ monthRevenueFen: month, trailingThreeMonthsFen: 3_000_000n, status: 'active', policy });
    expect(at(700_000n)).toEqual({ atRisk: false, reasons: [] });
    expect(at(699_999n)).toEqual({ atRisk: true, reasons: ['revenue_drop'] });
    // Average 333,333.33: 70% is 233,333.33, so 233,333 is below and 233,334 is not.
    const odd = (month: bigint) =>
      churnRiskOf({ monthRevenueFen: month, trailingThreeMonthsFen: 1_000_000n, status: 'active', policy });
    expect(odd(233_333n).reasons).toEqual(['revenue_drop']);
    expect(odd(233_334n).reasons).toEqual([]);
  });

  it('no trailing revenue: no drop; status adds its own reason', () => {
    expect(
      churnRiskOf({ monthRevenueFen: 0n, trailingThreeMonthsFen: 0n, status: 'active', policy }).atRisk,
    ).toBe(false);
    expect(
      churnRiskOf({ monthRevenueFen: 0n, trailingThreeMonthsFen: 3n, status: 'suspended', policy }).reasons,
    ).toEqual(['revenue_drop', 'suspended']);
    expect(
      churnRiskOf({ monthRevenueFen: 9n, trailingThreeMonthsFen: 0n, status: 'churned', policy }).reasons,
    ).toEqual(['churned']);
  });

  it('a fractional drop percent is compared exactly', () => {
    const p = { churnDropPercent: 12.5 }; // keep 87.5%
    expect(
      churnRiskOf({ monthRevenueFen: 875n, trailingThreeMonthsFen: 3000n, status: undefined, policy: p })
        .atRisk,
    ).toBe(false);
    expect(
      churnRiskOf({ monthRevenueFen: 874n, trailingThreeMonthsFen: 3000n, status: undefined, policy: p })
        .atRisk,
    ).toBe(true);
  });
});
