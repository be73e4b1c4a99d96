import { arpuFen, divideRounded, growth } from './money-math';

describe('revenue arithmetic', () => {
  it('rounds half away from zero to whole fen', () => {
    expect(divideRounded(10n, 4n)).toBe(3n); // 2.5
    expect(divideRounded(9n, 4n)).toBe(2n); // 2.25
    expect(divideRounded(11n, 4n)).toBe(3n); // 2.75
    expect(divideRounded(-10n, 4n)).toBe(-3n);
    expect(divideRounded(0n, 7n)).toBe(0n);
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });

  it('ARPU is revenue per customer-month, 0 without customers, exact beyond 2^53', () => {
    expect(arpuFen(1_000_000n, 3n)).toBe(333_333n);
    expect(arpuFen(2_000_000n, 3n)).toBe(666_667n);
    expect(arpuFen(5n, 0n)).toBe(0n);
    expect(arpuFen(90_071_992_547_409_930n, 10n)).toBe(9_007_199_254_740_993n);
  });

  it('growth is (current - previous) / previous to 4 places, null on a zero base', () => {
    expect(growth(1_060_000n, 1_000_000n)).toBe(0.06);
    expect(growth(2n, 3n)).toBe(-0.3333);
    expect(growth(1n, 3n)).toBe(-0.6667);
    expect(growth(200_005n, 100_000n)).toBe(1.0001); // 1.00005 rounds up
    expect(growth(5n, 0n)).toBeNull();
    expect(growth(0n, 5n)).toBe(-1);
    expect(growth(-50n, -100n)).toBe(-0.5); // credits halved: the figure grew toward zero
  });
});
