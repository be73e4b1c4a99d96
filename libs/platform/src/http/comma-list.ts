import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Splits a comma list from a query string (`a,b`), dropping surrounding spaces. */
export function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(',').map((v) => v.trim());
}

/**
 * A query parameter holding a comma list: every element must be allowed (a fixed list or a
 * pattern) and appear once.
 */
export function IsCommaList(
  allowed: readonly string[] | RegExp,
  describe: string,
  options?: ValidationOptions,
): PropertyDecorator {
  const accepts = (item: string): boolean =>
    allowed instanceof RegExp ? allowed.test(item) : allowed.includes(item);
  return ValidateBy(
    {
      name: 'isCommaList',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length === 0) return false;
          const items = splitList(value);
          return items.every(accepts) && new Set(items).size === items.length;
        },
        defaultMessage: (args) => {
          const items = typeof args?.value === 'string' ? splitList(args.value) : [];
          const wrong = items.find((i) => !accepts(i));
          if (wrong !== undefined) return `$property: ${JSON.stringify(wrong)} is not ${describe}`;
          if (new Set(items).size !== items.length) return '$property must not repeat a value';
          return `$property must be a comma-separated list of ${describe}`;
        },
      },
    },
    options,
  );
}
