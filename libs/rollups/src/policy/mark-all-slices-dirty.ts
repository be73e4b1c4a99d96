import type { EntityManager } from 'typeorm';

/**
 * Province: marks every city and month with detail dirty, so the slice builder recomputes them
 * all (a new high-value threshold may move any customer between value classes). Set-based, in the
 * caller's transaction; a slice already dirty keeps its earlier `dirty_since`.
 */
export async function markAllSlicesDirty(tx: EntityManager): Promise<number> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO usage_slice_dirty (city_code, billing_month)
     SELECT DISTINCT city_code, billing_month FROM city_customer_usage
     ON CONFLICT (city_code, billing_month) DO NOTHING
     RETURNING 1`,
  );
  return rows.length;
}
