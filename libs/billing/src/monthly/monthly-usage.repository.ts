import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportedCellRow } from '../reporting/reported-cell';
import { countUnreported, type ReportedTable, takeUnreported } from '@kaf/upward-figures';
import { MonthlyUsageEntity } from './monthly-usage.entity';

export interface MonthTotals {
  billing_month: string;
  revenue_fen: string;
  event_count: string;
  cells: string;
}

/** A customer's revenue and events in one month, summed over products. */
export interface CustomerMonthTotal {
  billing_month: string;
  revenue: string;
  events: string;
}

/** A customer's revenue in a month and in the months before it within a window. */
export interface ChurnCandidateRow {
  customer_id: string;
  month_revenue: string;
  trailing_revenue: string;
}

const MONTHLY_USAGE_TABLE: ReportedTable = {
  name: 'billing_monthly_usage',
  key: ['billing_month', 'customer_id', 'product'],
};

const CELL_COLUMNS = `u.customer_id, u.product, u.billing_month, u.revenue_fen::text AS revenue_fen,
  u.quantity::text AS quantity, u.event_count, u.version::text AS version, u.updated_at`;

/**
 * Adds the rows of the relation `deltas` (customer_id, product, billing_month, amount_fen,
 * quantity, events) to their monthly cells, upserted in key order so that concurrent batches do
 * not deadlock on them. A statement fragment, so that the ledger writes its rows and their cells
 * in one statement.
 */
export function addToMonthlyCells(deltas: string): string {
  return `INSERT INTO billing_monthly_usage
           (customer_id, product, billing_month, revenue_fen, quantity, event_count, version, updated_at)
         SELECT customer_id, product, billing_month, sum(amount_fen), sum(quantity), sum(events), 1, now()
           FROM ${deltas}
          GROUP BY customer_id, product, billing_month
          ORDER BY customer_id, product, billing_month
         ON CONFLICT (customer_id, product, billing_month) DO UPDATE SET
           revenue_fen = billing_monthly_usage.revenue_fen + excluded.revenue_fen,
           quantity = billing_monthly_usage.quantity + excluded.quantity,
           event_count = billing_monthly_usage.event_count + excluded.event_count,
           version = billing_monthly_usage.version + 1,
           updated_at = now()`;
}

/**
 * Every statement on `billing_monthly_usage`, set-based: the cells a customer is shown, the
 * reporter's takes and marks, the province's resync pages and totals, and the insights' sums.
 * The ledger adds to the cells through `addToMonthlyCells`.
 */
@Injectable()
export class MonthlyUsageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A customer's cells within the months given, oldest month first. */
  async forCustomer(customerId: string, from?: string, to?: string): Promise<MonthlyUsageEntity[]> {
    const qb = this.dataSource
      .getRepository(MonthlyUsageEntity)
      .createQueryBuilder('u')
      .where('u.customerId = :customerId', { customerId })
      .orderBy('u.billingMonth', 'ASC')
      .addOrderBy('u.product', 'ASC');
    if (from) qb.andWhere('u.billingMonth >= :from', { from });
    if (to) qb.andWhere('u.billingMonth <= :to', { to });
    return qb.getMany();
  }

  /** A customer's totals per month from `from` to `to`, for the months that hold any cell. */
  async customerMonths(customerId: string, from: string, to: string): Promise<CustomerMonthTotal[]> {
    return this.dataSource.query<CustomerMonthTotal[]>(
      `SELECT billing_month, sum(revenue_fen)::text AS revenue, sum(event_count)::text AS events
         FROM billing_monthly_usage
        WHERE customer_id = $1 AND billing_month BETWEEN $2 AND $3
        GROUP BY billing_month`,
      [customerId, from, to],
    );
  }

  /**
   * Every customer with a cell from `from` to `month` (only those of `customerIds` when given):
   * revenue in `month` and in the months before it.
   */
  async churnCandidates(
    from: string,
    month: string,
    customerIds?: readonly string[],
  ): Promise<ChurnCandidateRow[]> {
    const params: unknown[] = [from, month];
    let portfolio = '';
    if (customerIds !== undefined) {
      params.push(customerIds);
      portfolio = ' AND customer_id = ANY($3::uuid[])';
    }
    return this.dataSource.query<ChurnCandidateRow[]>(
      `SELECT customer_id,
              coalesce(sum(revenue_fen) FILTER (WHERE billing_month = $2), 0)::text AS month_revenue,
              coalesce(sum(revenue_fen) FILTER (WHERE billing_month < $2), 0)::text AS trailing_revenue
         FROM billing_monthly_usage
        WHERE billing_month BETWEEN $1 AND $2${portfolio}
        GROUP BY customer_id`,
      params,
    );
  }

  /** Takes up to `limit` unreported cells and marks them reported at the version read (see `takeUnreported`). */
  take(tx: EntityManager, limit: number): Promise<ReportedCellRow[]> {
    return takeUnreported<ReportedCellRow>(tx, MONTHLY_USAGE_TABLE, CELL_COLUMNS, limit);
  }

  /** Cells changed since they were last reported. */
  backlog(tx: EntityManager): Promise<number> {
    return countUnreported(tx, MONTHLY_USAGE_TABLE);
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
