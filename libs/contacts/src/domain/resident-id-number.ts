import { shanghaiDate } from '@kaf/platform';

/**
 * 公民身份号码 (GB 11643-1999), the 18-character resident ID number:
 *
 *   1–6    administrative division of the holder's registered residence (GB/T 2260)
 *   7–14   date of birth, YYYYMMDD
 *   15–17  sequence code (odd for men, even for women)
 *   18     check character, ISO 7064 MOD 11-2 over 1–17: 0–9 or X (for 10)
 */
const SHAPE = /^[1-9]\d{16}[\dX]$/;
/** Weight of position i (1-based) is 2^(18-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11): the value that makes the total ≡ 1 (mod 11). */
const CHECK = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'birth-date' | 'check-character';

export const ID_NUMBER_PROBLEMS: Record<IdNumberProblem, string> = {
  length: 'must be 18 characters',
  characters: 'must be 17 digits followed by a digit or X',
  'birth-date': 'characters 7-14 must be a real date of birth (YYYYMMDD) not in the future',
  'check-character': 'check character does not match (GB 11643, ISO 7064 MOD 11-2)',
};

/** The check character the first 17 digits call for. */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('the first 17 characters must be digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * Why `id` is not a valid resident ID number, or undefined when it is. `today` (a date in
 * Asia/Shanghai, YYYYMMDD) bounds the birth date.
 */
export function idNumberProblem(id: string, today = shanghaiToday()): IdNumberProblem | undefined {
  if (id.length !== 18) return 'length';
  if (!SHAPE.test(id)) return 'characters';
  const birth = id.slice(6, 14);
  if (!isRealDate(birth) || birth < '18000101' || birth > today) return 'birth-date';
  return idNumberCheckCharacter(id.slice(0, 17)) === id[17] ? undefined : 'check-character';
}

export function isValidIdNumber(id: string): boolean {
  return idNumberProblem(id) === undefined;
}

function isRealDate(yyyymmdd: string): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function shanghaiToday(): string {
  return shanghaiDate(new Date()).replace(/-/g, '');
}
