import { isBillingMonth } from './billing-months';

/** At most this many months in one request (three years of history and then some). */
const MAX_MONTHS = 120;

export interface RequestedMonthsOptions {
  /**
   * How a refusal is thrown. The calendar knows no transport: a message handler passes
   * `PermanentMessageError`, since resending the same payload cannot make it valid.
   */
  refuseWith: new (message: string) => Error;
  /** An empty list stands for every month held (a resync of everything), not a mistake. */
  emptyMeansAll?: boolean;
}

/** The request's months, de-duplicated and sorted; each must be YYYY-MM. */
export function requireMonths(
  months: readonly string[],
  what: string,
  { refuseWith: Refusal, emptyMeansAll = false }: RequestedMonthsOptions,
): string[] {
  const unique = [...new Set(months)];
  const bad = unique.filter((m) => !isBillingMonth(m));
  if (bad.length > 0) {
    throw new Refusal(`${what}: ${JSON.stringify(bad[0])} is not a billing month (YYYY-MM)`);
  }
  if (unique.length > MAX_MONTHS) {
    throw new Refusal(`${what}: ${unique.length} months, at most ${MAX_MONTHS}`);
  }
  if (unique.length === 0 && !emptyMeansAll) {
    throw new Refusal(`${what}: no billing months`);
  }
  return unique.sort();
}
