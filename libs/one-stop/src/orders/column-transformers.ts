/** bigint in PostgreSQL, bigint in TypeScript: never a floating-point number in between. */
export const bigintColumn = {
  to: (value: bigint | undefined): string | undefined => value?.toString(),
  from: (value: string | null): bigint | null => (value === null ? null : BigInt(value)),
};
