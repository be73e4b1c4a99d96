import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClaimedSlice } from '../slices/slice-dirty-list';
import type { ArrearsLineRow, ArrearsSliceTotals } from './arrears-slice-body';

/** A customer of the slice with the industry and grade its arrears are filed under this build. */
export interface ClassifiedDebtor {
  customerId: string;
  industry: string;
  grade: string;
}

const LINE_COLUMNS = `industry, grade, up_to_30_fen::text AS "upTo30Fen", days_31_to_90_fen::text AS "days31To90Fen",
  over_90_fen::text AS "over90Fen", not_due_fen::text AS "notDueFen", unallocated_fen::text AS "unallocatedFen",
  accounts, customers`;

/** The province's SQL over its arrears detail and the slices it derives from it; set-based. */
@Injectable()
export class ArrearsSliceRepository {
  /** The customers with an account in the slice (a cell of no accounts is no customer of it). */
  async customersOf(tx: EntityManager, slice: ClaimedSlice): Promise<string[]> {
    const rows = await tx.query<{ customer_id: string }[]>(
      `SELECT customer_id FROM city_customer_arrears
        WHERE city_code = $1 AND billing_month = $2 AND accounts > 0`,
      [slice.cityCode, slice.billingMonth],
    );
    return rows.map((r) => r.customer_id);
  }

  /** Replaces the slice's lines: the customers' figures summed per industry and grade. */
  async replaceLines(
    tx: EntityManager,
    provinceCode: string,
    slice: ClaimedSlice,
    customers: readonly ClassifiedDebtor[],
  ): Promise<ArrearsLineRow[]> {
    await tx.query(`DELETE FROM arrears_rollup_cell WHERE city_code = $1 AND billing_month = $2`, [
      slice.cityCode,
      slice.billingMonth,
    ]);
    if (customers.length === 0) return [];
    return tx.query<ArrearsLineRow[]>(
      `WITH customer AS (
         SELECT * FROM unnest($4::uuid[], $5::text[], $6::text[]) AS c(customer_id, industry, grade))
       INSERT INTO arrears_rollup_cell
         (billing_month, city_code, province_code, industry, grade, up_to_30_fen, days_31_to_90_fen,
          over_90_fen, not_due_fen, unallocated_fen, accounts, customers)
       SELECT $2, $1, $3, c.industry, c.grade, sum(a.up_to_30_fen), sum(a.days_31_to_90_fen),
              sum(a.over_90_fen), sum(a.not_due_fen), sum(a.unallocated_fen), sum(a.accounts), count(*)
         FROM city_customer_arrears a JOIN customer c ON c.customer_id = a.customer_id
        WHERE a.city_code = $1 AND a.billing_month = $2 AND a.accounts > 0
        GROUP BY c.industry, c.grade
       RETURNING ${LINE_COLUMNS}`,
      [
        slice.cityCode,
        slice.billingMonth,
        provinceCode,
        customers.map((c) => c.customerId),
        customers.map((c) => c.industry),
        customers.map((c) => c.grade),
      ],
    );
  }

  /** Records the build: version, totals, newest city change; the first report time is kept. */
  async saveSlice(
    tx: EntityManager,
    provinceCode: string,
    slice: ClaimedSlice,
    version: bigint,
    totals: ArrearsSliceTotals,
  ): Promise<{ newestChangeAt: Date | null; reportedAt: Date }> {
    const [row] = await tx.query<{ newest_change_at: Date | null; reported_at: Date }[]>(
      `INSERT INTO arrears_slice AS s
         (city_code, billing_month, province_code, version, up_to_30_fen, days_31_to_90_fen, over_90_fen,
          not_due_fen, unallocated_fen, accounts, customers, newest_change_at, first_reported_at, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
               (SELECT max(changed_at) FROM city_customer_arrears WHERE city_code = $1 AND billing_month = $2),
               now(), now())
       ON CONFLICT (city_code, billing_month) DO UPDATE SET
         province_code = excluded.province_code, version = excluded.version,
         up_to_30_fen = excluded.up_to_30_fen, days_31_to_90_fen = excluded.days_31_to_90_fen,
         over_90_fen = excluded.over_90_fen, not_due_fen = excluded.not_due_fen,
         unallocated_fen = excluded.unallocated_fen, accounts = excluded.accounts,
         customers = excluded.customers, newest_change_at = excluded.newest_change_at,
         reported_at = excluded.reported_at
       RETURNING newest_change_at, reported_at`,
      [
        slice.cityCode,
        slice.billingMonth,
        provinceCode,
        version.toString(),
        totals.upTo30Fen.toString(),
        totals.days31To90Fen.toString(),
        totals.over90Fen.toString(),
        totals.notDueFen.toString(),
        totals.unallocatedFen.toString(),
        totals.accounts.toString(),
        totals.customers,
      ],
    );
    return { newestChangeAt: row!.newest_change_at, reportedAt: row!.reported_at };
  }

  /** The slices' totals of those months, for a reconciliation by the national node. */
  totals(
    tx: EntityManager,
    billingMonths: readonly string[],
  ): Promise<
    {
      city_code: string;
      billing_month: string;
      up_to_30_fen: string;
      days_31_to_90_fen: string;
      over_90_fen: string;
      not_due_fen: string;
      unallocated_fen: string;
      accounts: string;
      customers: number;
    }[]
  > {
    return tx.query(
      `SELECT city_code, billing_month, up_to_30_fen::text AS up_to_30_fen,
              days_31_to_90_fen::text AS days_31_to_90_fen, over_90_fen::text AS over_90_fen,
              not_due_fen::text AS not_due_fen, unallocated_fen::text AS unallocated_fen,
              accounts::text AS accounts, customers
         FROM arrears_slice
        WHERE billing_month = ANY($1::text[])
        ORDER BY city_code, billing_month`,
      [billingMonths],
    );
  }
}
