import { chargeProblem } from './order-charges';

describe('chargeProblem', () => {
  it('takes whole fen as decimal strings', () => {
    expect(chargeProblem('1250000', 1n)).toBeUndefined();
    expect(chargeProblem('0', 0n)).toBeUndefined();
    expect(chargeProblem('10000000000000', 1n)).toBeUndefined();
  });

  it('refuses numbers, decimals, signs, leading zeros, zero where not allowed, and too much', () => {
    for (const value of [1250000, '12.5', '-1', '+1', '012', '', '1e3', '10000000000001']) {
      expect([value, chargeProblem(value, 0n)]).toEqual([value, expect.any(String)]);
    }
    expect(chargeProblem('0', 1n)).toBe('must be at least 1 fen');
  });
});
