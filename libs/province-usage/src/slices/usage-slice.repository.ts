import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ALL_PRODUCTS } from '../cube/usage-cube.vocabulary';
import { type ClaimedSlice, type SliceSelection, USAGE_SLICES_DIRTY } from './slice-dirty-list';

/** A customer of the slice with the attributes its usage is filed under this build. */
export interface ClassifiedCustomer {
  customerId: string;
  industry: string;
  valueClass: string;
  grade: string;
  groupCode: string | null;
}

export interface CellRow {
  industry: string;
  valueClass: string;
  grade: string;
  product: string;
  revenueFen: string;
  customers: number;
  eventCount: string;
}

export interface GroupCellRow {
  groupCode: string;
  revenueFen: string;
  customers: number;
  eventCount: string;
}

export interface SliceTotals {
  revenueFen: bigint;
  eventCount: bigint;
  customers: number;
}

export interface StoredSlice {
  newestChangeAt: Date | null;
  reportedAt: Date;
}

/**
 * The province's SQL over its cities' detail and its own cube rows. Every statement is
 * set-based; callers pass the transaction the slice is rebuilt in.
 */
@Injectable()
export class UsageSliceRepository {
  /** Each customer's revenue of all products in the slice, counting cells with events in force. */
  async customerRevenue(
    tx: EntityManager,
    cityCode: string,
    billingMonth: string,
  ): Promise<{ customerId: string; revenueFen: bigint }[]> {
    const rows = await tx.query<{ customer_id: string; revenue_fen: string }[]>(
      `SELECT customer_id, sum(revenue_fen)::text AS revenue_fen
         FROM city_customer_usage
        WHERE city_code = $1 AND billing_month = $2 AND event_count > 0
        GROUP BY customer_id`,
      [cityCode, billingMonth],
    );
    return rows.map((r) => ({ customerId: r.customer_id, revenueFen: BigInt(r.revenue_fen) }));
  }

  /**
   * Replaces the slice's cube cells: one line per product and the all-products line ("*") per
   * industry, value class and grade, in one GROUPING SETS pass over the detail.
   */
  async replaceCells(
    tx: EntityManager,
    provinceCode: string,
    slice: ClaimedSlice,
    customers: readonly ClassifiedCustomer[],
  ): Promise<CellRow[]> {
    await tx.query(`DELETE FROM usage_rollup_cell WHERE city_code = $1 AND billing_month = $2`, [
      slice.cityCode,
      slice.billingMonth,
    ]);
    if (customers.length === 0) return [];
    return tx.query<CellRow[]>(
      `WITH customer AS (
         SELECT * FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[])
           AS c(customer_id, industry, value_class, grade))
       INSERT INTO usage_rollup_cell
         (billing_month, city_code, province_code, industry, value_class, grade, product,
          revenue_fen, customers, event_count)
       SELECT $2, $1, $3, c.industry, c.value_class, c.grade,
              CASE WHEN GROUPING(u.product) = 1 THEN $8 ELSE u.product END,
              sum(u.revenue_fen), count(DISTINCT u.customer_id), sum(u.event_count)
         FROM city_customer_usage u JOIN customer c ON c.customer_id = u.customer_id
        WHERE u.city_code = $1 AND u.billing_month = $2 AND u.event_count > 0
        GROUP BY GROUPING SETS ((c.industry, c.value_class, c.grade, u.product),
                                (c.industry, c.value_class, c.grade))
       RETURNING industry, value_class AS "valueClass", grade, product,
                 revenue_fen::text AS "revenueFen", customers, event_count::text AS "eventCount"`,
      [
        slice.cityCode,
        slice.billingMonth,
        provinceCode,
        customers.map((c) => c.customerId),
        customers.map((c) => c.industry),
        customers.map((c) => c.valueClass),
        customers.map((c) => c.grade),
        ALL_PRODUCTS,
      ],
    );
  }

  /** Replaces the slice's group cells: the usage of each national group's member customers. */
  async replaceGroupCells(
    tx: EntityManager,
    provinceCode: string,
    slice: ClaimedSlice,
    customers: readonly ClassifiedCustomer[],
  ): Promise<GroupCellRow[]> {
    await tx.query(`DELETE FROM group_usage_cell WHERE city_code = $1 AND billing_month = $2`, [
      slice.cityCode,
      slice.billingMonth,
    ]);
    const members = customers.filter((c) => c.groupCode !== null);
    if (members.length === 0) return [];
    return tx.query<GroupCellRow[]>(
      `WITH member AS (
         SELECT * FROM unnest($4::uuid[], $5::text[]) AS m(customer_id, group_code))
       INSERT INTO group_usage_cell
         (billing_month, city_code, province_code, group_code, revenue_fen, customers, event_count)
       SELECT $2, $1, $3, m.group_code, sum(u.revenue_fen), count(DISTINCT u.customer_id), sum(u.event_count)
         FROM city_customer_usage u JOIN member m ON m.customer_id = u.customer_id
        WHERE u.city_code = $1 AND u.billing_month = $2 AND u.event_count > 0
        GROUP BY m.group_code
       RETURNING group_code AS "groupCode", revenue_fen::text AS "revenueFen", customers,
                 event_count::text AS "eventCount"`,
      [
        slice.cityCode,
        slice.billingMonth,
        provinceCode,
        members.map((c) => c.customerId),
        members.map((c) => c.groupCode),
      ],
    );
  }

  /** Records the build: version, totals, newest city change; the first report time is kept. */
  async saveSlice(
    tx: EntityManager,
    provinceCode: string,
    slice: ClaimedSlice,
    version: bigint,
    totals: SliceTotals,
  ): Promise<StoredSlice> {
    const [row] = await tx.query<{ newest_change_at: Date | null; reported_at: Date }[]>(
      `INSERT INTO usage_slice AS s
         (city_code, billing_month, province_code, version, revenue_fen, event_count, customers,
          newest_change_at, first_reported_at, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7,
               (SELECT max(changed_at) FROM city_customer_usage WHERE city_code = $1 AND billing_month = $2),
               now(), now())
       ON CONFLICT (city_code, billing_month) DO UPDATE SET
         province_code = excluded.province_code, version = excluded.version,
         revenue_fen = excluded.revenue_fen, event_count = excluded.event_count,
         customers = excluded.customers, newest_change_at = excluded.newest_change_at,
         reported_at = excluded.reported_at
       RETURNING newest_change_at, reported_at`,
      [
        slice.cityCode,
        slice.billingMonth,
        provinceCode,
        version.toString(),
        totals.revenueFen.toString(),
        totals.eventCount.toString(),
        totals.customers,
      ],
    );
    return { newestChangeAt: row!.newest_change_at, reportedAt: row!.reported_at };
  }

  /** Marks the selected slices dirty (see `SliceDirtyList.mark`). */
  markDirty(tx: EntityManager, selection: SliceSelection = {}): Promise<number> {
    return USAGE_SLICES_DIRTY.mark(tx, selection);
  }

  /** The totals of the province's slices of those months, for a reconciliation by the parent. */
  async totals(
    tx: EntityManager,
    billingMonths: readonly string[],
  ): Promise<
    { cityCode: string; billingMonth: string; revenueFen: string; eventCount: string; cells: string }[]
  > {
    return tx.query(
      `SELECT s.city_code AS "cityCode", s.billing_month AS "billingMonth",
              s.revenue_fen::text AS "revenueFen", s.event_count::text AS "eventCount",
              (SELECT count(*) FROM city_customer_usage u
                WHERE u.city_code = s.city_code AND u.billing_month = s.billing_month
                  AND u.event_count > 0)::text AS cells
         FROM usage_slice s
        WHERE s.billing_month = ANY($1::text[])
        ORDER BY s.city_code, s.billing_month`,
      [billingMonths],
    );
  }
}
