import type { ArrearsRollupSlice } from '@kaf/contracts';

const ATTRIBUTE = /^[\p{L}\p{N}_*?.:-]{1,64}$/u;
const INT32_MAX = 2 ** 31 - 1;
const FEN = ['upTo30Fen', 'days31To90Fen', 'over90Fen', 'notDueFen', 'unallocatedFen'] as const;

/**
 * Why an arrears slice's body cannot be applied, or undefined when it can: each line is one
 * industry and grade, once, with positions (never negative) and counts the tables hold, and a
 * customer is on a line only with at least one account. The sender, the city, the month and the
 * version are checked by the upward-figures handler before.
 */
export function arrearsSliceRefusal(slice: ArrearsRollupSlice): string | undefined {
  const keys = new Set<string>();
  for (const line of slice.lines) {
    const where = `arrears slice line ${JSON.stringify([line.industry, line.grade])}`;
    if (!ATTRIBUTE.test(line.industry) || !ATTRIBUTE.test(line.grade))
      return `${where} has a malformed industry or grade`;
    const negative = FEN.find((band) => line[band] < 0n);
    if (negative) return `${where} has a negative ${negative}`;
    if (line.accounts > INT32_MAX || line.customers > INT32_MAX) return `${where} has counts out of range`;
    if (line.customers === 0 || line.accounts < line.customers)
      return `${where} has ${line.customers} customers with ${line.accounts} accounts`;
    const key = `${line.industry}\u0000${line.grade}`;
    if (keys.has(key)) return `arrears slice repeats the line ${JSON.stringify([line.industry, line.grade])}`;
    keys.add(key);
  }
  return undefined;
}
