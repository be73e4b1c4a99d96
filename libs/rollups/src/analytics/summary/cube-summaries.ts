/** Anything that runs SQL: a TypeORM EntityManager or QueryRunner inside a transaction, a pg client. */
export interface SqlRunner {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

const SUMMARY_COLUMNS = 'billing_month, province_code, industry, value_class, grade, product';

/**
 * The national cube's per-province summary (`usage_rollup_province_cell`), kept equal to the
 * sum of `usage_rollup_cell` over each province's cities.
 */
export const CubeSummaries = {
  /**
   * Recomputes the summary of one province and month from the city cells. Call it inside the
   * transaction that replaced a city's slice, after writing the cells: the advisory lock makes
   * two slices of the same province and month refresh one after the other, and the second then
   * reads the first's committed cells (READ COMMITTED), so neither overwrites the other.
   */
  async refreshSlice(tx: SqlRunner, provinceCode: string, billingMonth: string): Promise<void> {
    await tx.query(
      `SELECT pg_advisory_xact_lock(hashtext('usage_rollup_province_cell'), hashtext($1 || ':' || $2))`,
      [provinceCode, billingMonth],
    );
    await tx.query(`DELETE FROM usage_rollup_province_cell WHERE province_code = $1 AND billing_month = $2`, [
      provinceCode,
      billingMonth,
    ]);
    await tx.query(
      `INSERT INTO usage_rollup_province_cell (${SUMMARY_COLUMNS}, revenue_fen, customers, event_count)
       SELECT ${SUMMARY_COLUMNS}, sum(revenue_fen), sum(customers), sum(event_count)
         FROM usage_rollup_cell
        WHERE province_code = $1 AND billing_month = $2
        GROUP BY ${SUMMARY_COLUMNS}`,
      [provinceCode, billingMonth],
    );
  },

  /** Recomputes every summary row (after a bulk load, or to repair). */
  async rebuildAll(tx: SqlRunner): Promise<void> {
    await tx.query('LOCK TABLE usage_rollup_province_cell IN EXCLUSIVE MODE');
    await tx.query(`DELETE FROM usage_rollup_province_cell`);
    await tx.query(
      `INSERT INTO usage_rollup_province_cell (${SUMMARY_COLUMNS}, revenue_fen, customers, event_count)
       SELECT ${SUMMARY_COLUMNS}, sum(revenue_fen), sum(customers), sum(event_count)
         FROM usage_rollup_cell GROUP BY ${SUMMARY_COLUMNS}`,
    );
  },
};
