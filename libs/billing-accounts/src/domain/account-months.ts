/**
 * The month rules of a billing account: an account serves the billing months from the month it
 * was opened to the month it was closed (both included), and the holder of month M is the holder
 * row with the greatest `fromMonth` <= M. Pure, so the directory's SQL only fetches the rows.
 */
import { BILLING_MONTH_PATTERN } from '@kaf/platform';

/** The answer for one (account number, month) reference. */
export type AccountResolution =
  | { ok: true; accountId: string; customerId: string }
  | { ok: false; field: 'billingAccount' | 'billingMonth'; reason: string };

/** What the directory's query found for one reference. */
export interface FoundAccount {
  accountId: string;
  /** YYYY-MM-DD. */
  openedOn: string;
  /** YYYY-MM-DD, or null while open. */
  closedOn: string | null;
  /** The holder of the reference's month, or null when the month is before every holder row. */
  customerId: string | null;
}

/** `YYYY-MM` of a `YYYY-MM-DD` day. */
export const monthOfDay = (day: string): string => day.slice(0, 7);

/** Judges one reference against what was found for it (undefined: no such account). */
export function judgeReference(
  source: string,
  ref: { accountNumber: string; month: string },
  found: FoundAccount | undefined,
): AccountResolution {
  if (!found) {
    return refusal('billingAccount', `${ref.accountNumber} is not an account of ${source} in this city`);
  }
  if (!BILLING_MONTH_PATTERN.test(ref.month))
    return refusal('billingMonth', `${ref.month} is not a month (YYYY-MM)`);
  if (ref.month < monthOfDay(found.openedOn)) {
    return refusal(
      'billingMonth',
      `${ref.month} is before account ${ref.accountNumber} was opened (${found.openedOn})`,
    );
  }
  if (found.closedOn !== null && ref.month > monthOfDay(found.closedOn)) {
    return refusal(
      'billingMonth',
      `${ref.month} is after account ${ref.accountNumber} was closed (${found.closedOn})`,
    );
  }
  // Holder rows start at the opening month, so a month the account serves always has a holder.
  if (found.customerId === null) {
    return refusal('billingMonth', `${ref.month}: account ${ref.accountNumber} has no holder that month`);
  }
  return { ok: true, accountId: found.accountId, customerId: found.customerId };
}

function refusal(field: 'billingAccount' | 'billingMonth', message: string): AccountResolution {
  return { ok: false, field, reason: `${field}: ${message}` };
}

/** The holder of `month` among `holders` (any order): the greatest `fromMonth` <= month. */
export function holderOf<T extends { fromMonth: string }>(
  holders: readonly T[],
  month: string,
): T | undefined {
  let best: T | undefined;
  for (const h of holders) {
    if (h.fromMonth <= month && (best === undefined || h.fromMonth > best.fromMonth)) best = h;
  }
  return best;
}

/**
 * Why a transfer from `fromMonth` is refused, or undefined when it may go ahead: it must fall
 * after the opening month (the opening month's holder is the one the account was opened for),
 * not before the latest holder row, and within the months the account serves.
 */
export function transferProblem(
  account: { openedOn: string; closedOn: string | null },
  latestHolderMonth: string,
  fromMonth: string,
): string | undefined {
  const opened = monthOfDay(account.openedOn);
  if (fromMonth <= opened) return `must be after the month the account was opened (${opened})`;
  if (fromMonth < latestHolderMonth) {
    return `must not be before the latest change of holder (${latestHolderMonth})`;
  }
  if (account.closedOn !== null && fromMonth > monthOfDay(account.closedOn)) {
    return `must not be after the month the account was closed (${monthOfDay(account.closedOn)})`;
  }
  return undefined;
}

/**
 * Why the account's dates are refused, or undefined: `closedOn` not before `openedOn`, and the
 * account still serving every month a holder row starts in (a close cannot strand a holder).
 */
export function datesProblem(
  openedOn: string,
  closedOn: string | null,
  latestHolderMonth: string,
): { field: 'openedOn' | 'closedOn'; message: string } | undefined {
  if (closedOn !== null && closedOn < openedOn) {
    return { field: 'closedOn', message: `must not be before openedOn (${openedOn})` };
  }
  if (closedOn !== null && monthOfDay(closedOn) < latestHolderMonth) {
    return {
      field: 'closedOn',
      message: `must not be before the month the latest holder took over (${latestHolderMonth})`,
    };
  }
  return undefined;
}
