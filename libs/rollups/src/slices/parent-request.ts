import { PermanentMessageError } from '@kaf/messaging';
import { isBillingMonth } from '../cube/usage-cube.vocabulary';

/** At most this many months in one request (three years of history and then some). */
const MAX_MONTHS = 120;

/** The request's months, de-duplicated; each must be YYYY-MM. */
export function requireMonths(months: readonly string[], what: string, emptyMeansAll = false): string[] {
  const unique = [...new Set(months)];
  const bad = unique.filter((m) => !isBillingMonth(m));
  if (bad.length > 0) {
    throw new PermanentMessageError(`${what}: ${JSON.stringify(bad[0])} is not a billing month (YYYY-MM)`);
  }
  if (unique.length > MAX_MONTHS) {
    throw new PermanentMessageError(`${what}: ${unique.length} months, at most ${MAX_MONTHS}`);
  }
  if (unique.length === 0 && !emptyMeansAll) {
    throw new PermanentMessageError(`${what}: no billing months`);
  }
  return unique.sort();
}
