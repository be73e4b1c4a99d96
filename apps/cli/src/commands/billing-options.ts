import { UsageError } from './command';

/** A percentage option (`2`, `0.5`, `12.5%`) as a share in [0, max/100]. */
export function percentOption(name: string, value: string | undefined, fallback: number, max = 100): number {
  if (value === undefined) return fallback / 100;
  const text = value.trim().replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(text))
    throw new UsageError(`--${name} must be a percentage like 2 or 0.5, got '${value}'`);
  const n = Number(text);
  if (n > max) throw new UsageError(`--${name} must be at most ${max}, got ${n}`);
  return n / 100;
}

/** A comma-separated list option, trimmed, without empty entries. */
export function listOption(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}
