import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint (fen, versions) as a TypeScript bigint: never a floating-point number in between. */
export const bigintColumn: ValueTransformer = {
  to: (value: bigint | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null): bigint | null => (value === null ? null : BigInt(value)),
};
