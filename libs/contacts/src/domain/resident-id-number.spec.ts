import {
  ID_NUMBER_PROBLEMS,
  idNumberCheckCharacter,
  idNumberProblem,
  isValidIdNumber,
} from './resident-id-number';

describe('resident ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it.each([
    // Published sample numbers, including one whose check character is X.
    ['11010519491231002X'],
    ['440524188001010014'],
    ['110101199003077774'],
  ])('accepts %s', (id) => {
    expect(idNumberProblem(id, '20261123')).toBeUndefined();
    expect(isValidIdNumber(id)).toBe(true);
  });

  it('computes the check character from the weighted sum', () => {
    expect(idNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(idNumberCheckCharacter('44052418800101001')).toBe('4');
    // Weighted sum ≡ 1 (mod 11) once the check value is added with weight 1.
    const first17 = '44030519850615123';
    const check = idNumberCheckCharacter(first17);
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum =
      weights.reduce((s, w, i) => s + w * Number(first17[i]), 0) + (check === 'X' ? 10 : Number(check));
    expect(sum % 11).toBe(1);
  });

  it('refuses every other check character', () => {
    const wrong = '0123456789X'.split('').filter((c) => c !== 'X');
    for (const c of wrong)
      expect(idNumberProblem(`11010519491231002${c}`, '20261123')).toBe('check-character');
  });

  it('refuses a single changed digit (the check catches it)', () => {
    expect(idNumberProblem('11010519491231003X', '20261123')).toBe('check-character');
  });

  it.each<[string, string, keyof typeof ID_NUMBER_PROBLEMS]>([
    ['too short', '1101051949123100', 'length'],
    ['too long', '11010519491231002X1', 'length'],
    ['a lower-case x', '11010519491231002x', 'characters'],
    ['a letter inside', '1101051949123A002X', 'characters'],
    ['a leading zero', '01010519491231002X', 'characters'],
    ['the 15-digit first generation', '110105491231002', 'length'],
    ['February 30th', '110105194902300021', 'birth-date'],
    ['a month 13', '110105194913010021', 'birth-date'],
    ['a birth before 1800', '110105179912310021', 'birth-date'],
    ['a birth after today', '110105202611240021', 'birth-date'],
  ])('refuses %s', (_case, id, problem) => {
    expect(idNumberProblem(id, '20261123')).toBe(problem);
  });

  it('rejects a non-digit prefix when asked for a check character', () => {
    expect(() => idNumberCheckCharacter('1101051949123100X')).toThrow(RangeError);
  });
});
