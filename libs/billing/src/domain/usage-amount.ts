/** Largest charge or credit one usage event may carry: 10^13 fen (one hundred billion yuan). */
export const MAX_USAGE_AMOUNT_FEN = 10n ** 13n;

const SIGNED_FEN = /^(0|-?[1-9]\d{0,13})$/;
const QUANTITY = /^(0|[1-9]\d{0,14})(\.\d{1,6})?$/;

/**
 * Why `value` is not an amount in fen, or undefined when it is one. Amounts travel as decimal
 * strings: a JSON number loses precision past 2^53. Negative amounts are credits and adjustments.
 */
export function usageAmountProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a decimal string of whole fen, e.g. "1250000"';
  if (!SIGNED_FEN.test(value)) {
    return 'must be a whole number of fen as a decimal string, optionally negative (no decimals, plus sign or leading zeros)';
  }
  const amount = BigInt(value);
  if (amount > MAX_USAGE_AMOUNT_FEN || -amount > MAX_USAGE_AMOUNT_FEN) {
    return `must be between -${MAX_USAGE_AMOUNT_FEN} and ${MAX_USAGE_AMOUNT_FEN} fen`;
  }
  return undefined;
}

/** The amount in fen; throws on anything `usageAmountProblem` refuses. */
export function parseUsageAmount(value: unknown): bigint {
  const problem = usageAmountProblem(value);
  if (problem) throw new RangeError(`amount ${String(value)}: ${problem}`);
  return BigInt(value as string);
}

/** Why `value` is not a usage quantity (a non-negative decimal string), or undefined. */
export function quantityProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !QUANTITY.test(value)) {
    return 'must be a non-negative decimal string with at most 6 decimals, e.g. "1024.5"';
  }
  return undefined;
}
