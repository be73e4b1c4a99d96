import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { USAGE_SLICES_DIRTY } from '../slices/slice-dirty-list';

/** A city's monthly cell as the province stores it; figures as decimal strings. */
export interface CityUsageCell {
  customerId: string;
  product: string;
  billingMonth: string;
  revenueFen: string;
  quantity: string;
  eventCount: number;
  version: string;
  changedAt: Date;
}

/** The province's copy of its cities' cells and the dirty marks of their slices, set-based. */
@Injectable()
export class CityUsageRepository {
  /**
   * Keeps each cell at the highest version received and marks dirty the (city, month) slices of
   * the cells that actually changed, in one statement (the mark locks the slice's dirty row until
   * this transaction commits: see `SliceDirtyList`). A cell reported by another city than the one
   * holding it is left alone. Returns the cells changed.
   */
  async upsert(tx: EntityManager, cityCode: string, cells: readonly CityUsageCell[]): Promise<number> {
    if (cells.length === 0) return 0;
    const [row] = await tx.query<{ changed: number }[]>(
      `WITH incoming AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::numeric[], $7::int[],
                              $8::bigint[], $9::timestamptz[])
           AS c(customer_id, product, billing_month, revenue_fen, quantity, event_count, version, changed_at)
       ), changed AS (
         INSERT INTO city_customer_usage AS u
           (customer_id, product, billing_month, city_code, revenue_fen, quantity, event_count, version,
            changed_at, received_at)
         SELECT customer_id, product, billing_month, $1, revenue_fen, quantity, event_count, version,
                changed_at, now()
           FROM incoming
          ORDER BY customer_id, product, billing_month
         ON CONFLICT (customer_id, product, billing_month) DO UPDATE SET
           revenue_fen = excluded.revenue_fen, quantity = excluded.quantity,
           event_count = excluded.event_count, version = excluded.version,
           changed_at = excluded.changed_at, received_at = excluded.received_at
         WHERE excluded.version > u.version AND u.city_code = excluded.city_code
         RETURNING u.billing_month
       ), months AS (
         SELECT DISTINCT billing_month FROM changed
       ), marked AS (
         ${USAGE_SLICES_DIRTY.markMonths('$1', 'months')}
       )
       SELECT count(*)::int AS changed FROM changed`,
      [
        cityCode,
        cells.map((c) => c.customerId),
        cells.map((c) => c.product),
        cells.map((c) => c.billingMonth),
        cells.map((c) => c.revenueFen),
        cells.map((c) => c.quantity),
        cells.map((c) => c.eventCount),
        cells.map((c) => c.version),
        cells.map((c) => c.changedAt),
      ],
    );
    return row?.changed ?? 0;
  }

  /** Revenue, events and cells with events per city and month of the province's copy. */
  async totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<{ city_code: string; billing_month: string; revenue: string; events: string; cells: string }[]> {
    return tx.query(
      `SELECT city_code, billing_month, sum(revenue_fen)::text AS revenue, sum(event_count)::text AS events,
              count(*) FILTER (WHERE event_count > 0)::text AS cells
         FROM city_customer_usage
        WHERE city_code = ANY($1::text[]) AND billing_month = ANY($2::text[])
        GROUP BY city_code, billing_month`,
      [cityCodes, billingMonths],
    );
  }

  /**
   * Gives up the versions of the copy's cells of some cities and months (version 0, below any a
   * city issues), keeping the figures until re-sent cells replace them; rows locked in key order
   * first, the order the reports' upserts take them in. Returns the cells released.
   */
  async releaseVersions(
    tx: EntityManager,
    lines: readonly { cityCode: string; billingMonth: string }[],
  ): Promise<number> {
    if (lines.length === 0) return 0;
    const [row] = await tx.query<{ n: number }[]>(
      `WITH line AS (SELECT * FROM unnest($1::text[], $2::text[]) AS l(city_code, billing_month)),
       target AS (
         SELECT u.customer_id, u.product, u.billing_month
           FROM city_customer_usage u
           JOIN line l ON l.city_code = u.city_code AND l.billing_month = u.billing_month
          WHERE u.version > 0
          ORDER BY u.customer_id, u.product, u.billing_month
            FOR UPDATE OF u),
       released AS (
         UPDATE city_customer_usage u SET version = 0
           FROM target t
          WHERE u.customer_id = t.customer_id AND u.product = t.product AND u.billing_month = t.billing_month
         RETURNING 1)
       SELECT count(*)::int AS n FROM released`,
      [lines.map((l) => l.cityCode), lines.map((l) => l.billingMonth)],
    );
    return row?.n ?? 0;
  }
}
