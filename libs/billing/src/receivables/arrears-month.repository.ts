import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { MonthPosition } from './domain/aging';

/** One row of `billing_arrears_month`, amounts as bigints. */
export interface ArrearsMonthRow extends MonthPosition {
  accountId: string;
  customerId: string;
}

/** Every statement on `billing_arrears_month`, set-based. */
@Injectable()
export class ArrearsMonthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The rows of `accountIds`. */
  async forAccounts(tx: EntityManager, accountIds: readonly string[]): Promise<ArrearsMonthRow[]> {
    if (accountIds.length === 0) return [];
    const rows: {
      account_id: string;
      billing_month: string;
      customer_id: string;
      as_of: string;
      not_due_fen: string;
      up_to_30_fen: string;
      days_31_to_90_fen: string;
      over_90_fen: string;
      unallocated_fen: string;
    }[] = await tx.query(
      `SELECT account_id::text, billing_month, customer_id::text, to_char(as_of, 'YYYY-MM-DD') AS as_of,
              not_due_fen::text, up_to_30_fen::text, days_31_to_90_fen::text, over_90_fen::text,
              unallocated_fen::text
         FROM billing_arrears_month
        WHERE account_id = ANY($1::uuid[])`,
      [accountIds],
    );
    return rows.map((r) => ({
      accountId: r.account_id,
      billingMonth: r.billing_month,
      customerId: r.customer_id,
      asOf: r.as_of,
      notDueFen: BigInt(r.not_due_fen),
      upTo30Fen: BigInt(r.up_to_30_fen),
      days31To90Fen: BigInt(r.days_31_to_90_fen),
      over90Fen: BigInt(r.over_90_fen),
      unallocatedFen: BigInt(r.unallocated_fen),
    }));
  }

  /** Upserts the rows in key order; `changed_at` moves only where the figures changed. */
  async write(tx: EntityManager, rows: readonly ArrearsMonthRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO billing_arrears_month
         (account_id, billing_month, customer_id, as_of, not_due_fen, up_to_30_fen, days_31_to_90_fen,
          over_90_fen, unallocated_fen, changed_at)
       SELECT r.account_id, r.billing_month, r.customer_id, r.as_of, r.not_due, r.up_to_30, r.days_31_to_90,
              r.over_90, r.unallocated, now()
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::date[], $5::bigint[], $6::bigint[], $7::bigint[],
                     $8::bigint[], $9::bigint[])
           AS r(account_id, billing_month, customer_id, as_of, not_due, up_to_30, days_31_to_90, over_90,
                unallocated)
        ORDER BY r.account_id, r.billing_month
       ON CONFLICT (account_id, billing_month) DO UPDATE SET
         customer_id = excluded.customer_id,
         as_of = excluded.as_of,
         not_due_fen = excluded.not_due_fen,
         up_to_30_fen = excluded.up_to_30_fen,
         days_31_to_90_fen = excluded.days_31_to_90_fen,
         over_90_fen = excluded.over_90_fen,
         unallocated_fen = excluded.unallocated_fen,
         changed_at = CASE
           WHEN (billing_arrears_month.customer_id, billing_arrears_month.not_due_fen,
                 billing_arrears_month.up_to_30_fen, billing_arrears_month.days_31_to_90_fen,
                 billing_arrears_month.over_90_fen, billing_arrears_month.unallocated_fen)
                IS DISTINCT FROM
                (excluded.customer_id, excluded.not_due_fen, excluded.up_to_30_fen, excluded.days_31_to_90_fen,
                 excluded.over_90_fen, excluded.unallocated_fen)
           THEN now() ELSE billing_arrears_month.changed_at END`,
      [
        rows.map((r) => r.accountId),
        rows.map((r) => r.billingMonth),
        rows.map((r) => r.customerId),
        rows.map((r) => r.asOf),
        rows.map((r) => r.notDueFen.toString()),
        rows.map((r) => r.upTo30Fen.toString()),
        rows.map((r) => r.days31To90Fen.toString()),
        rows.map((r) => r.over90Fen.toString()),
        rows.map((r) => r.unallocatedFen.toString()),
      ],
    );
  }

  /** Removes rows of months an account no longer has (its first bill was corrected to a later month). */
  async remove(
    tx: EntityManager,
    keys: readonly { accountId: string; billingMonth: string }[],
  ): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(
      `DELETE FROM billing_arrears_month a
        USING unnest($1::uuid[], $2::text[]) AS k(account_id, billing_month)
        WHERE a.account_id = k.account_id AND a.billing_month = k.billing_month`,
      [keys.map((k) => k.accountId), keys.map((k) => k.billingMonth)],
    );
  }

  /**
   * Up to `limit` accounts whose rows were last taken before `today` (the day turned since), with
   * the month of that last day (the first month to take again), and accounts that have bills up to
   * `month` and no rows yet (their first bill's month has just begun), without one.
   */
  async staleAccounts(
    today: string,
    month: string,
    limit: number,
  ): Promise<{ accountId: string; from: string | undefined }[]> {
    const rows: { account_id: string; from_month: string | null }[] = await this.dataSource.query(
      `(SELECT account_id::text, to_char(max(as_of), 'YYYY-MM') AS from_month FROM billing_arrears_month
         GROUP BY account_id HAVING max(as_of) < $1::date)
       UNION ALL
       (SELECT DISTINCT b.account_id::text, NULL FROM billing_bill b
         WHERE b.superseded_by IS NULL AND b.billing_month <= $2
           AND NOT EXISTS (SELECT 1 FROM billing_arrears_month a WHERE a.account_id = b.account_id))
       ORDER BY account_id
       LIMIT $3`,
      [today, month, limit],
    );
    return rows.map((r) => ({ accountId: r.account_id, from: r.from_month ?? undefined }));
  }
}
