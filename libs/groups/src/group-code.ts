/** National group codes: `G` and 8 digits, from the registry's sequence. */
export const GROUP_CODE_PATTERN = /^G\d{8}$/;
const MAX_SEQUENCE = 99_999_999n;

/** The code for sequence value `n` (1 → G00000001). */
export function groupCodeFor(n: bigint | number | string): string {
  const value = BigInt(n);
  if (value < 1n || value > MAX_SEQUENCE) {
    throw new RangeError(`group code sequence value ${value} is outside 1..${MAX_SEQUENCE}`);
  }
  return `G${value.toString().padStart(8, '0')}`;
}

export function isGroupCode(value: string): boolean {
  return GROUP_CODE_PATTERN.test(value);
}
