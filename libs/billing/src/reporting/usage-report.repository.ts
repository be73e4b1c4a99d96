import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportedCellRow } from './reported-cell';

export interface MonthTotals {
  billing_month: string;
  revenue_fen: string;
  event_count: string;
  cells: string;
}

const CELL_COLUMNS = `u.customer_id, u.product, u.billing_month, u.revenue_fen::text AS revenue_fen,
  u.quantity::text AS quantity, u.event_count, u.version::text AS version, u.updated_at`;

/** The reporter's reads and marks on the monthly cells, set-based. */
@Injectable()
export class UsageReportRepository {
  /**
   * Takes up to `limit` unreported cells and marks them reported at the version read, in the
   * caller's transaction. Rows another reporter (or a booking) holds are skipped, so two
   * instances of a city never report the same change twice and the reporter never waits; a
   * booking that lands after the mark raises the version again and the cell comes back.
   */
  async take(tx: EntityManager, limit: number): Promise<ReportedCellRow[]> {
    return tx.query<ReportedCellRow[]>(
      `WITH picked AS (
         SELECT customer_id, product, billing_month FROM billing_monthly_usage
          WHERE version > reported_version
          ORDER BY billing_month, customer_id, product
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), marked AS (
         UPDATE billing_monthly_usage u SET reported_version = u.version
           FROM picked p
          WHERE u.customer_id = p.customer_id AND u.product = p.product AND u.billing_month = p.billing_month
         RETURNING ${CELL_COLUMNS}
       )
       -- Read through a SELECT: the driver answers a bare UPDATE … RETURNING with [rows, count].
       SELECT * FROM marked`,
      [limit],
    );
  }

  /** Cells changed since they were last reported. */
  async backlog(tx: EntityManager): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM billing_monthly_usage WHERE version > reported_version',
    );
    return row?.n ?? 0;
  }

  /** A page of the cells of `months`, in key order after `after` (keyset paging for a resync). */
  async page(
    tx: EntityManager,
    months: readonly string[],
    after: { month: string; customerId: string; product: string } | undefined,
    limit: number,
  ): Promise<ReportedCellRow[]> {
    return tx.query<ReportedCellRow[]>(
      `SELECT ${CELL_COLUMNS} FROM billing_monthly_usage u
        WHERE u.billing_month = ANY($1::text[])
          AND ($2::text IS NULL OR (u.billing_month, u.customer_id, u.product) > ($2::text, $3::uuid, $4::text))
        ORDER BY u.billing_month, u.customer_id, u.product
        LIMIT $5`,
      [months, after?.month ?? null, after?.customerId ?? null, after?.product ?? null, limit],
    );
  }

  /** Revenue, events and cells in force per month, for the months that hold any cell. */
  async totals(tx: EntityManager, months: readonly string[]): Promise<MonthTotals[]> {
    return tx.query<MonthTotals[]>(
      `SELECT billing_month, sum(revenue_fen)::text AS revenue_fen, sum(event_count)::text AS event_count,
              count(*) FILTER (WHERE event_count > 0)::text AS cells
         FROM billing_monthly_usage
        WHERE billing_month = ANY($1::text[])
        GROUP BY billing_month
        ORDER BY billing_month`,
      [months],
    );
  }
}
