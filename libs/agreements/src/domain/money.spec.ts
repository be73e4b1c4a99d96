import { fenProblem, MAX_MONTHLY_VALUE_FEN, parseFen } from './money';

describe('monthly value in fen', () => {
  it.each([
    ['1', 1n],
    ['1250000', 1_250_000n],
    ['9007199254740993', undefined],
    ['10000000000000', MAX_MONTHLY_VALUE_FEN],
  ])('parses %s exactly', (input, expected) => {
    if (expected === undefined) {
      expect(fenProblem(input)).toMatch(/at most/);
    } else {
      expect(parseFen(input)).toBe(expected);
      expect(fenProblem(input)).toBeUndefined();
    }
  });

  it('keeps precision beyond what a JSON number can carry', () => {
    expect(parseFen('9999999999999')).toBe(9_999_999_999_999n);
  });

  it.each([
    ['0', /positive whole/],
    ['-100', /positive whole/],
    ['12.50', /positive whole/],
    ['1e6', /positive whole/],
    ['007', /positive whole/],
    [' 100', /positive whole/],
    ['', /positive whole/],
    ['10000000000001', /at most 10000000000000/],
  ])('refuses the string %j', (input, problem) => {
    expect(fenProblem(input)).toMatch(problem);
    expect(() => parseFen(input)).toThrow(RangeError);
  });

  it.each([[100], [12.5], [-1], [null], [undefined], [true], [{}], [100n]])(
    'refuses the non-string %p',
    (input) => {
      expect(fenProblem(input)).toMatch(/decimal string/);
    },
  );
});
