/** Anything that runs SQL: a TypeORM EntityManager or QueryRunner inside a transaction, a pg client. */
export interface SqlRunner {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

const PROVINCE_KEY = 'billing_month, province_code, industry, value_class, grade, product';
const CITY_KEY = 'billing_month, city_code, product, province_code';
const PROVINCE_PRODUCT_KEY = 'billing_month, province_code, product';

/** The summaries, each recomputed from `usage_rollup_cell` by summing away what its key lacks. */
const SUMMARIES = [
  { table: 'usage_rollup_province_cell', key: PROVINCE_KEY },
  { table: 'usage_city_product_cell', key: CITY_KEY },
  { table: 'usage_province_product_cell', key: PROVINCE_PRODUCT_KEY },
];

/**
 * The national cube's summaries, kept equal to sums of `usage_rollup_cell`:
 * `usage_rollup_province_cell` (over the cities of a province), `usage_city_product_cell`
 * (over industry, value class and grade) and `usage_province_product_cell` (over both).
 */
export const CubeSummaries = {
  /**
   * Recomputes the summaries of one province and month from the city cells. Call it inside the
   * transaction that replaced a city's slice, after writing the cells: the advisory lock makes
   * two slices of the same province and month refresh one after the other, and the second then
   * reads the first's committed cells (READ COMMITTED), so neither overwrites the other.
   */
  async refreshSlice(tx: SqlRunner, provinceCode: string, billingMonth: string): Promise<void> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtext('usage_cube_summaries'), hashtext($1 || ':' || $2))`,
      [provinceCode, billingMonth],
    );
    for (const { table, key } of SUMMARIES) {
      await tx.query(`DELETE FROM ${table} WHERE province_code = $1 AND billing_month = $2`, [
        provinceCode,
        billingMonth,
      ]);
      await tx.query(
        `INSERT INTO ${table} (${key}, revenue_fen, customers, event_count)
         SELECT ${key}, sum(revenue_fen), sum(customers), sum(event_count)
           FROM usage_rollup_cell
          WHERE province_code = $1 AND billing_month = $2
          GROUP BY ${key}`,
        [provinceCode, billingMonth],
      );
    }
  },

  /** Recomputes every summary row (after a bulk load, or to repair). */
  async rebuildAll(tx: SqlRunner): Promise<void> {
    for (const { table, key } of SUMMARIES) {
      await tx.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
      await tx.query(`DELETE FROM ${table}`);
      await tx.query(
        `INSERT INTO ${table} (${key}, revenue_fen, customers, event_count)
         SELECT ${key}, sum(revenue_fen), sum(customers), sum(event_count) FROM usage_rollup_cell GROUP BY ${key}`,
      );
    }
  },
};
