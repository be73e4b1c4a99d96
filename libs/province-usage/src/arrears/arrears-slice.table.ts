import type { TotalsLine } from '@kaf/upward-figures';
import { type ArrearsSumsRow, arrearsFiguresOf, arrearsTotals } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import type { ArrearsSliceTotals } from './arrears-slice-body';

/** An arrears slice's row: where, by whom, at which version, with which totals. */
export interface ArrearsSliceRow {
  cityCode: string;
  billingMonth: string;
  provinceCode: string;
  version: bigint;
  totals: ArrearsSliceTotals;
  newestChangeAt: Date | null;
}

/**
 * Writes the row of a slice (`arrears_slice`), the province's build or the national node's copy;
 * the first report time is kept. `onlyIfNewer`: the national node keeps a version above the one it
 * holds only (undefined when the row held is as new). The upsert locks the row either way, so two
 * writers of one slice serialise.
 */
export async function upsertArrearsSlice(
  tx: EntityManager,
  slice: ArrearsSliceRow,
  onlyIfNewer: boolean,
): Promise<{ newestChangeAt: Date | null; reportedAt: Date } | undefined> {
  const t = slice.totals;
  const rows = await tx.query<{ newest_change_at: Date | null; reported_at: Date }[]>(
    `INSERT INTO arrears_slice AS s
       (city_code, billing_month, province_code, version, up_to_30_fen, days_31_to_90_fen, over_90_fen,
        not_due_fen, unallocated_fen, accounts, customers, newest_change_at, first_reported_at, reported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now(), now())
     ON CONFLICT (city_code, billing_month) DO UPDATE SET
       province_code = excluded.province_code, version = excluded.version,
       up_to_30_fen = excluded.up_to_30_fen, days_31_to_90_fen = excluded.days_31_to_90_fen,
       over_90_fen = excluded.over_90_fen, not_due_fen = excluded.not_due_fen,
       unallocated_fen = excluded.unallocated_fen, accounts = excluded.accounts,
       customers = excluded.customers, newest_change_at = excluded.newest_change_at,
       reported_at = excluded.reported_at
     WHERE NOT $13 OR s.version < excluded.version
     RETURNING newest_change_at, reported_at`,
    [
      slice.cityCode,
      slice.billingMonth,
      slice.provinceCode,
      slice.version.toString(),
      t.upTo30Fen.toString(),
      t.days31To90Fen.toString(),
      t.over90Fen.toString(),
      t.notDueFen.toString(),
      t.unallocatedFen.toString(),
      t.accounts.toString(),
      t.customers,
      slice.newestChangeAt,
      onlyIfNewer,
    ],
  );
  const row = rows[0];
  return row && { newestChangeAt: row.newest_change_at, reportedAt: row.reported_at };
}

/**
 * The slices' totals per city and month, as a totals line of the arrears measure (`cells`: the
 * customers of the slice), of the cities given (none: every city) and the months.
 */
export async function arrearsSliceTotalsLines(
  tx: EntityManager,
  cityCodes: readonly string[] | undefined,
  billingMonths: readonly string[],
): Promise<TotalsLine[]> {
  const rows = await tx.query<
    (ArrearsSumsRow & { city_code: string; billing_month: string; customers: number })[]
  >(
    `SELECT city_code, billing_month, up_to_30_fen::text AS up_to_30_fen,
            days_31_to_90_fen::text AS days_31_to_90_fen, over_90_fen::text AS over_90_fen,
            not_due_fen::text AS not_due_fen, unallocated_fen::text AS unallocated_fen,
            accounts::text AS accounts, customers
       FROM arrears_slice
      WHERE ($1::text[] IS NULL OR city_code = ANY($1::text[])) AND billing_month = ANY($2::text[])
      ORDER BY city_code, billing_month`,
    [cityCodes ?? null, billingMonths],
  );
  return rows.map((r) => ({
    cityCode: r.city_code,
    billingMonth: r.billing_month,
    figures: arrearsTotals(arrearsFiguresOf(r), BigInt(r.customers)),
  }));
}
