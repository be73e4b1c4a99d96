import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ALL_PRODUCTS } from '../cube/usage-cube.vocabulary';

/** A (city, month) slice taken off the dirty list by one builder. */
export interface ClaimedSlice {
  cityCode: string;
  billingMonth: string;
  dirtySince: Date;
}

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

/** Which slices a resync or a policy change marks dirty; empty lists mean all. */
export interface SliceSelection {
  billingMonths?: readonly string[];
  cityCodes?: readonly string[];
}

/**
 * The province's SQL over its cities' detail and its own cube rows. Every statement is
 * set-based; callers pass the transaction the slice is rebuilt in.
 */
@Injectable()
export class UsageSliceRepository {
  /**
   * Takes the oldest dirty slice no other builder holds and deletes its row at once. A change
   * that arrives while the slice is being computed finds the row being deleted, waits for this
   * transaction and marks the slice dirty anew, so it is built in the next round, never lost. A
   * change whose mark found the row already there holds it locked (its upsert updates it) until
   * it commits, so SKIP LOCKED passes over the slice until the change is visible.
   * `skip` holds keys (city:month) of slices not to take now.
   */
  async claimNext(tx: EntityManager, skip: readonly string[] = []): Promise<ClaimedSlice | undefined> {
    const rows = await tx.query<{ city_code: string; billing_month: string; dirty_since: Date }[]>(
      `WITH next AS (
         SELECT city_code, billing_month FROM usage_slice_dirty
          WHERE city_code || ':' || billing_month <> ALL($1::text[])
          ORDER BY dirty_since, city_code, billing_month
          LIMIT 1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         DELETE FROM usage_slice_dirty d USING next
          WHERE d.city_code = next.city_code AND d.billing_month = next.billing_month
         RETURNING d.city_code, d.billing_month, d.dirty_since)
       SELECT city_code, billing_month, dirty_since FROM claimed`,
      [skip],
    );
    const row = rows[0];
    return row && { cityCode: row.city_code, billingMonth: row.billing_month, dirtySince: row.dirty_since };
  }

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

  /** The version of the slice's last build, its row locked until the rebuild commits. */
  async lockVersion(tx: EntityManager, slice: ClaimedSlice): Promise<bigint | null> {
    const [row] = await tx.query<{ version: string }[]>(
      `SELECT version::text AS version FROM usage_slice
        WHERE city_code = $1 AND billing_month = $2 FOR UPDATE`,
      [slice.cityCode, slice.billingMonth],
    );
    return row ? BigInt(row.version) : null;
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

  /**
   * Marks the selected slices dirty: those built before and those with detail but no build yet.
   * A slice already dirty keeps its first change time (and is locked until the caller commits).
   */
  async markDirty(tx: EntityManager, selection: SliceSelection = {}): Promise<number> {
    const months = selection.billingMonths ?? [];
    const cities = selection.cityCodes ?? [];
    const rows = await tx.query<unknown[]>(
      `INSERT INTO usage_slice_dirty (city_code, billing_month)
       SELECT city_code, billing_month FROM usage_slice
        WHERE (cardinality($1::text[]) = 0 OR billing_month = ANY($1))
          AND (cardinality($2::text[]) = 0 OR city_code = ANY($2))
       UNION
       SELECT DISTINCT city_code, billing_month FROM city_customer_usage
        WHERE (cardinality($1::text[]) = 0 OR billing_month = ANY($1))
          AND (cardinality($2::text[]) = 0 OR city_code = ANY($2))
       ON CONFLICT (city_code, billing_month) DO UPDATE SET dirty_since = usage_slice_dirty.dirty_since
       RETURNING city_code`,
      [months, cities],
    );
    return rows.length;
  }

  /** Slices waiting to be built (the backlog gauge). */
  async dirtyCount(tx: EntityManager): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>('SELECT count(*)::int AS n FROM usage_slice_dirty');
    return row?.n ?? 0;
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
