import { Injectable } from '@nestjs/common';
import { type ArrearsSumsRow, sumArrearsColumns } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import type { ArrearsMonthChange } from '../receivables/arrears-month-changes';
import { countUnreported, type ReportedTable, takeUnreported } from '@kaf/upward-figures';

const ARREARS_CELL_TABLE: ReportedTable = {
  name: 'billing_arrears_cell',
  key: ['billing_month', 'customer_id'],
};

/** A customer's arrears in one month as reported: the sums of its month rows, at the cell's version. */
export interface ArrearsCellRow extends ArrearsSumsRow {
  customer_id: string;
  billing_month: string;
  version: string;
  changed_at: Date;
}

export interface ArrearsMonthTotalsRow extends ArrearsSumsRow {
  billing_month: string;
  cells: string;
}

/**
 * The city's arrears cells reported upward (`billing_arrears_cell`, one per customer and month)
 * over the month rows the receivables keep (`billing_arrears_month`, one per account and month),
 * set-based. A cell's figures are always summed from the month rows when it is taken or totalled,
 * so the cell itself holds only its version.
 */
@Injectable()
export class ArrearsCellsRepository {
  /**
   * Raises the version of each changed customer-month (a new cell starts at 1), in the caller's
   * transaction, in key order so that concurrent bookings do not deadlock on the rows.
   */
  async mark(tx: EntityManager, changes: readonly ArrearsMonthChange[]): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(
      `INSERT INTO billing_arrears_cell AS c (customer_id, billing_month, version, changed_at)
       SELECT DISTINCT customer_id, billing_month, 1, now()
         FROM unnest($1::uuid[], $2::text[]) AS m(customer_id, billing_month)
        ORDER BY customer_id, billing_month
       ON CONFLICT (customer_id, billing_month) DO UPDATE SET version = c.version + 1, changed_at = now()`,
      [changes.map((c) => c.customerId), changes.map((c) => c.billingMonth)],
    );
  }

  /**
   * Marks every cell of the months (none: every month) to be reported again at a new version:
   * those with month rows and those reported before whose rows have gone (sent as empty cells).
   * Returns the cells marked.
   */
  async markMonths(tx: EntityManager, months: readonly string[]): Promise<number> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO billing_arrears_cell AS c (customer_id, billing_month, version, changed_at)
       SELECT customer_id, billing_month, 1, now() FROM (
         SELECT customer_id, billing_month FROM billing_arrears_month
          WHERE cardinality($1::text[]) = 0 OR billing_month = ANY($1)
         UNION
         SELECT customer_id, billing_month FROM billing_arrears_cell
          WHERE cardinality($1::text[]) = 0 OR billing_month = ANY($1)) cell
        ORDER BY customer_id, billing_month
       ON CONFLICT (customer_id, billing_month) DO UPDATE SET version = c.version + 1, changed_at = now()
       RETURNING 1`,
      [months],
    );
    return rows.length;
  }

  /**
   * Takes up to `limit` waiting cells, marks them reported at the version read and sums their
   * month rows, in the caller's transaction (see `takeUnreported`). A booking that changes the
   * rows after this read marks the cell again, so the newer figures follow at a higher version.
   */
  async take(tx: EntityManager, limit: number): Promise<ArrearsCellRow[]> {
    const taken = await takeUnreported<{
      customer_id: string;
      billing_month: string;
      version: string;
      changed_at: Date;
    }>(
      tx,
      ARREARS_CELL_TABLE,
      'u.customer_id, u.billing_month, u.version::text AS version, u.changed_at',
      limit,
    );
    if (taken.length === 0) return [];
    return tx.query<ArrearsCellRow[]>(
      `SELECT c.customer_id, c.billing_month, c.version, c.changed_at, ${sumArrearsColumns('m', 'count(m.account_id)')}
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
           AS c(customer_id, billing_month, version, changed_at)
         LEFT JOIN billing_arrears_month m ON m.customer_id = c.customer_id AND m.billing_month = c.billing_month
        GROUP BY c.billing_month, c.customer_id, c.version, c.changed_at
        ORDER BY c.billing_month, c.customer_id`,
      [
        taken.map((t) => t.customer_id),
        taken.map((t) => t.billing_month),
        taken.map((t) => t.version),
        taken.map((t) => t.changed_at),
      ],
    );
  }

  /** Cells changed since they were last reported. */
  backlog(tx: EntityManager): Promise<number> {
    return countUnreported(tx, ARREARS_CELL_TABLE);
  }

  /** The city's arrears per month from its month rows; `cells`: customers with a row in the month. */
  totals(tx: EntityManager, months: readonly string[]): Promise<ArrearsMonthTotalsRow[]> {
    return tx.query<ArrearsMonthTotalsRow[]>(
      `SELECT m.billing_month, ${sumArrearsColumns('m', 'count(*)')},
              count(DISTINCT m.customer_id)::text AS cells
         FROM billing_arrears_month m
        WHERE m.billing_month = ANY($1::text[])
        GROUP BY m.billing_month
        ORDER BY m.billing_month`,
      [months],
    );
  }
}
