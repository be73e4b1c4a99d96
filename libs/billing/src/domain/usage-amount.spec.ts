import { MAX_USAGE_AMOUNT_FEN, parseUsageAmount, quantityProblem, usageAmountProblem } from './usage-amount';

describe('usage amount in fen', () => {
  it.each([
    ['0', 0n],
    ['1250000', 1_250_000n],
    ['-4500', -4_500n],
    ['10000000000000', MAX_USAGE_AMOUNT_FEN],
    ['-10000000000000', -MAX_USAGE_AMOUNT_FEN],
  ])('parses %s exactly', (input, expected) => {
    expect(usageAmountProblem(input)).toBeUndefined();
    expect(parseUsageAmount(input)).toBe(expected);
  });

  it.each([
    ['10000000000001', /between -10000000000000 and 10000000000000/],
    ['-10000000000001', /between/],
    ['99999999999999', /between/],
    ['-0', /whole number/],
    ['+5', /whole number/],
    ['12.50', /whole number/],
    ['1e6', /whole number/],
    ['007', /whole number/],
    ['', /whole number/],
    [1250000, /decimal string/],
  ])('refuses %p', (input, problem) => {
    expect(usageAmountProblem(input)).toMatch(problem);
    expect(() => parseUsageAmount(input)).toThrow(RangeError);
  });
});

describe('usage quantity', () => {
  it.each(['0', '12', '1024.5', '0.000001'])('accepts %s', (q) => {
    expect(quantityProblem(q)).toBeUndefined();
  });

  it.each(['-1', '1.0000001', '01', '.5', '1e3', 3])('refuses %p', (q) => {
    expect(quantityProblem(q)).toMatch(/non-negative decimal/);
  });
});
