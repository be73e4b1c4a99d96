/**
 * Integer arithmetic for revenue figures: fen stay bigint end to end, ratios are rounded once.
 * Rounding is half away from zero, so a negative figure (a month of credits) mirrors a positive one.
 */

/** `numerator / denominator` rounded half away from zero; the denominator must be positive. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (2n * magnitude + denominator) / (2n * denominator);
  return negative ? -quotient : quotient;
}

/** Average revenue per customer-month in whole fen; 0 when there were no customers. */
export function arpuFen(revenueFen: bigint, customerMonths: bigint): bigint {
  return customerMonths > 0n ? divideRounded(revenueFen, customerMonths) : 0n;
}

/** (current - previous) / previous rounded to 4 decimal places; null when previous is 0. */
export function growth(current: bigint, previous: bigint): number | null {
  if (previous === 0n) return null;
  const sign = previous < 0n ? -1n : 1n;
  const basisPoints = divideRounded((current - previous) * 10_000n * sign, previous * sign);
  return Number(basisPoints) / 10_000;
}
