import { valueClassOf } from './value-class';

describe('valueClassOf', () => {
  const policy = { highValueMinMonthlyFen: 5_000_000n };

  it('is high_value from the threshold up, to the fen', () => {
    expect(valueClassOf(5_000_000n, policy)).toBe('high_value');
    expect(valueClassOf(5_000_001n, policy)).toBe('high_value');
    expect(valueClassOf(4_999_999n, policy)).toBe('standard');
  });

  it('is standard for zero and for net credits', () => {
    expect(valueClassOf(0n, policy)).toBe('standard');
    expect(valueClassOf(-120_000n, policy)).toBe('standard');
  });

  it('follows the policy: a zero threshold makes every non-negative month high_value', () => {
    expect(valueClassOf(0n, { highValueMinMonthlyFen: 0n })).toBe('high_value');
    expect(valueClassOf(-1n, { highValueMinMonthlyFen: 0n })).toBe('standard');
  });

  it('compares beyond the range of a double without rounding', () => {
    const threshold = 9_007_199_254_740_993n;
    expect(valueClassOf(threshold - 1n, { highValueMinMonthlyFen: threshold })).toBe('standard');
    expect(valueClassOf(threshold, { highValueMinMonthlyFen: threshold })).toBe('high_value');
  });
});
