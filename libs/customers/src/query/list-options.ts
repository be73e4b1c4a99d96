import { FieldValidationException } from '@kaf/platform';

export interface SortKey {
  /** Entity property path on the query's alias, e.g. `c.createdAt`. */
  path: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Parses `sort=name,-createdAt` against the keys a list supports (key → property path). Unknown
 * or repeated keys are a 400 naming `sort`.
 */
export function parseSort(
  value: string | undefined,
  allowed: Readonly<Record<string, string>>,
  fallback: readonly SortKey[],
): SortKey[] {
  if (value === undefined || value.trim() === '') return [...fallback];
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  for (const raw of value.split(',')) {
    const token = raw.trim();
    const descending = token.startsWith('-');
    const name = descending ? token.slice(1) : token;
    const path = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
    if (!path) {
      throw new FieldValidationException([
        {
          field: 'sort',
          message: `cannot sort by ${JSON.stringify(token)}; use ${Object.keys(allowed).join(', ')} (prefix - for descending)`,
        },
      ]);
    }
    if (seen.has(name)) {
      throw new FieldValidationException([{ field: 'sort', message: `${name} is given twice` }]);
    }
    seen.add(name);
    keys.push({ path, direction: descending ? 'DESC' : 'ASC' });
  }
  return keys;
}

/**
 * Parses `fields=name,status` against the fields a view has. `id` is always returned. Undefined
 * means every field. Unknown fields are a 400 naming `fields`.
 */
export function parseFields<F extends string>(
  value: string | undefined,
  allowed: readonly F[],
): ReadonlySet<F> | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const known = new Set<string>(allowed);
  const selected = new Set<F>(['id' as F]);
  const unknown: string[] = [];
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (known.has(name)) selected.add(name as F);
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new FieldValidationException([
      {
        field: 'fields',
        message: `unknown field(s) ${unknown.map((u) => JSON.stringify(u)).join(', ')}; known: ${allowed.join(', ')}`,
      },
    ]);
  }
  return selected;
}

/** The view reduced to the selected fields (all of them when `fields` is undefined). */
export function pickFields<V extends object, F extends keyof V & string>(
  view: V,
  fields: ReadonlySet<F> | undefined,
): Partial<V> {
  if (!fields) return view;
  const out: Partial<V> = {};
  for (const f of fields) out[f] = view[f];
  return out;
}
