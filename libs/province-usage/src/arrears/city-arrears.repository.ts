import { Injectable } from '@nestjs/common';
import { type ArrearsSumsRow, sumArrearsColumns } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { ARREARS_SLICES_DIRTY } from '../slices/slice-dirty-list';

/** A city's arrears cell as the province stores it; figures as decimal strings. */
export interface CityArrearsCell {
  customerId: string;
  billingMonth: string;
  upTo30Fen: string;
  days31To90Fen: string;
  over90Fen: string;
  notDueFen: string;
  unallocatedFen: string;
  accounts: number;
  version: string;
  changedAt: Date;
}

export interface CityArrearsTotalsRow extends ArrearsSumsRow {
  city_code: string;
  billing_month: string;
  cells: string;
}

/** The province's copy of its cities' arrears cells (`city_customer_arrears`), set-based. */
@Injectable()
export class CityArrearsRepository {
  /**
   * Keeps each cell at the highest version received and marks dirty the (city, month) arrears
   * slices of the cells that changed, in one statement. A cell reported by another city than the
   * one holding it is left alone. Returns the cells changed.
   */
  async upsert(tx: EntityManager, cityCode: string, cells: readonly CityArrearsCell[]): Promise<number> {
    if (cells.length === 0) return 0;
    const [row] = await tx.query<{ changed: number }[]>(
      `WITH incoming AS (
         SELECT * FROM unnest($2::uuid[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
                              $8::bigint[], $9::int[], $10::bigint[], $11::timestamptz[])
           AS c(customer_id, billing_month, up_to_30_fen, days_31_to_90_fen, over_90_fen, not_due_fen,
                unallocated_fen, accounts, version, changed_at)
       ), changed AS (
         INSERT INTO city_customer_arrears AS a
           (customer_id, billing_month, city_code, up_to_30_fen, days_31_to_90_fen, over_90_fen,
            not_due_fen, unallocated_fen, accounts, version, changed_at, received_at)
         SELECT customer_id, billing_month, $1, up_to_30_fen, days_31_to_90_fen, over_90_fen,
                not_due_fen, unallocated_fen, accounts, version, changed_at, now()
           FROM incoming
          ORDER BY customer_id, billing_month
         ON CONFLICT (customer_id, billing_month) DO UPDATE SET
           up_to_30_fen = excluded.up_to_30_fen, days_31_to_90_fen = excluded.days_31_to_90_fen,
           over_90_fen = excluded.over_90_fen, not_due_fen = excluded.not_due_fen,
           unallocated_fen = excluded.unallocated_fen, accounts = excluded.accounts,
           version = excluded.version, changed_at = excluded.changed_at, received_at = excluded.received_at
         WHERE excluded.version > a.version AND a.city_code = excluded.city_code
         RETURNING a.billing_month
       ), months AS (
         SELECT DISTINCT billing_month FROM changed
       ), marked AS (
         ${ARREARS_SLICES_DIRTY.markMonths('$1', 'months')}
       )
       SELECT count(*)::int AS changed FROM changed`,
      [
        cityCode,
        cells.map((c) => c.customerId),
        cells.map((c) => c.billingMonth),
        cells.map((c) => c.upTo30Fen),
        cells.map((c) => c.days31To90Fen),
        cells.map((c) => c.over90Fen),
        cells.map((c) => c.notDueFen),
        cells.map((c) => c.unallocatedFen),
        cells.map((c) => c.accounts),
        cells.map((c) => c.version),
        cells.map((c) => c.changedAt),
      ],
    );
    return row?.changed ?? 0;
  }

  /** Figures per city and month of the copy; `cells`: customers with an account in the month. */
  totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<CityArrearsTotalsRow[]> {
    return tx.query<CityArrearsTotalsRow[]>(
      `SELECT a.city_code, a.billing_month, ${sumArrearsColumns('a')},
              count(*) FILTER (WHERE a.accounts > 0)::text AS cells
         FROM city_customer_arrears a
        WHERE a.city_code = ANY($1::text[]) AND a.billing_month = ANY($2::text[])
        GROUP BY a.city_code, a.billing_month`,
      [cityCodes, billingMonths],
    );
  }
}
