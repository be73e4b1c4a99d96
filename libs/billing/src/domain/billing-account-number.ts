/** Longest account number a billing system may send (the accounts' own column is as wide). */
export const BILLING_ACCOUNT_MAX_LENGTH = 64;

/**
 * An account number as billing systems write them: letters, digits and the separators they use
 * (`-`, `_`, `.`, `/`), starting with a letter or digit; no blanks or control characters.
 */
export const BILLING_ACCOUNT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export const BILLING_ACCOUNT_MESSAGE =
  '$property must be an account number of 1 to 64 letters, digits, ".", "_", "/" or "-"';

export function isBillingAccountNumber(value: unknown): value is string {
  return typeof value === 'string' && BILLING_ACCOUNT_NUMBER.test(value);
}
