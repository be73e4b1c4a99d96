/** Longest lifetime a development token may have. */
export const MAX_TTL_SECONDS = 30 * 24 * 3600;

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 24 * 3600 } as const;

export class TtlError extends Error {
  override readonly name = 'TtlError';
}

/** `90s`, `30m`, `8h`, `7d` → seconds; at least one second, at most {@link MAX_TTL_SECONDS}. */
export function parseTtl(text: string): number {
  const match = /^(\d{1,7})([smhd])$/.exec(text.trim());
  if (!match) throw new TtlError(`'${text}' is not a duration like 30m, 8h or 7d`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds < 1) throw new TtlError(`'${text}' is not a positive duration`);
  if (seconds > MAX_TTL_SECONDS) throw new TtlError(`'${text}' is longer than the maximum of 30d`);
  return seconds;
}

/** 28800 → `8h`, 5400 → `1h30m`. */
export function formatTtl(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['d', UNIT_SECONDS.d],
    ['h', UNIT_SECONDS.h],
    ['m', UNIT_SECONDS.m],
    ['s', UNIT_SECONDS.s],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('') || '0s';
}
