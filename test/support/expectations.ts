/**
 * Assertions over every item of a list. `[].every(p)` is true and `[].some(p)` false for any `p`,
 * so `expect(list.every(p)).toBe(true)` passes on an empty list, and with it on a filter that
 * matched nothing or a response that lost its rows: these helpers fail on an empty list unless the
 * caller says an empty one is a correct answer. `expect(X.every(...))` and the negated `.some` forms
 * fail lint (eslint.config.mjs), so this is the one way a suite says "all of them".
 */
export interface EveryOptions {
  /** The list may rightly be empty (e.g. "none of them is X" where none at all is fine). */
  mayBeEmpty?: boolean;
}

/** Fails unless `items` is non-empty (see `mayBeEmpty`) and every item satisfies `predicate`. */
export function expectEvery<T>(
  items: Iterable<T>,
  predicate: (item: T) => unknown,
  what: string,
  options: EveryOptions = {},
): void {
  const list = [...items];
  if (list.length === 0 && !options.mayBeEmpty) {
    throw new Error(`expected ${what}, but the list is empty: there is nothing to check`);
  }
  // The items that fail, under the assertion's name, so a failure shows which ones.
  expect({ [what]: list.filter((item) => !predicate(item)) }).toEqual({ [what]: [] });
}

/** Fails if any item satisfies `predicate`, or if `items` is empty (see `mayBeEmpty`). */
export function expectNone<T>(
  items: Iterable<T>,
  predicate: (item: T) => unknown,
  what: string,
  options: EveryOptions = {},
): void {
  expectEvery(items, (item) => !predicate(item), what, options);
}
