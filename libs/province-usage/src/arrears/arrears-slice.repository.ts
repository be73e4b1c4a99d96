import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClaimedSlice } from '../slices/slice-dirty-list';
import type { ArrearsLineRow } from './arrears-slice-body';

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

  /** The newest city change in the slice's detail (the city's clock), or null for an empty slice. */
  async newestChange(tx: EntityManager, slice: ClaimedSlice): Promise<Date | null> {
    const [row] = await tx.query<{ newest: Date | null }[]>(
      `SELECT max(changed_at) AS newest FROM city_customer_arrears WHERE city_code = $1 AND billing_month = $2`,
      [slice.cityCode, slice.billingMonth],
    );
    return row?.newest ?? null;
  }
}
