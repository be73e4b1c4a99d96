import { Injectable } from '@nestjs/common';
import type { UsageRollupSlice } from '@kaf/contracts';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { EntityManager } from 'typeorm';
import { CubeSummaries } from '../summary/cube-summaries';
import { ALL_PRODUCTS } from '@kaf/province-usage';

/** A province's slice of one city and month as the national node keeps it. */
export interface ReceivedSlice {
  provinceCode: string;
  cityCode: string;
  billingMonth: string;
  version: bigint;
  body: UsageRollupSlice;
}

/** The national node's SQL over its cube: whole-slice replacement, set-based. */
@Injectable()
export class NationalCubeRepository {
  /**
   * Records the slice's version and totals when it is newer than the stored one; true when it
   * was. The upsert locks the slice row either way, so two deliveries of one slice serialise
   * and the older one finds the newer version.
   */
  async acceptVersion(tx: EntityManager, slice: ReceivedSlice): Promise<boolean> {
    const totals = { revenueFen: 0n, eventCount: 0n, customers: 0 };
    for (const cell of slice.body.cells) {
      if (cell.product !== ALL_PRODUCTS) continue;
      totals.revenueFen += cell.revenueFen;
      totals.eventCount += cell.eventCount;
      totals.customers += cell.customers;
    }
    const rows = await tx.query<unknown[]>(
      `INSERT INTO usage_slice AS s
         (city_code, billing_month, province_code, version, revenue_fen, event_count, customers,
          newest_change_at, first_reported_at, reported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())
       ON CONFLICT (city_code, billing_month) DO UPDATE SET
         province_code = excluded.province_code, version = excluded.version,
         revenue_fen = excluded.revenue_fen, event_count = excluded.event_count,
         customers = excluded.customers, newest_change_at = excluded.newest_change_at,
         reported_at = excluded.reported_at
       WHERE s.version < excluded.version
       RETURNING version`,
      [
        slice.cityCode,
        slice.billingMonth,
        slice.provinceCode,
        slice.version.toString(),
        totals.revenueFen.toString(),
        totals.eventCount.toString(),
        totals.customers,
        slice.body.newestChangeAt ? timestampDate(slice.body.newestChangeAt) : null,
      ],
    );
    return rows.length === 1;
  }

  /** Replaces the city and month's cells with the slice's, and the summaries over them. */
  async replaceCells(tx: EntityManager, slice: ReceivedSlice): Promise<void> {
    const key = [slice.cityCode, slice.billingMonth, slice.provinceCode];
    await tx.query(
      `DELETE FROM usage_rollup_cell WHERE city_code = $1 AND billing_month = $2`,
      key.slice(0, 2),
    );
    await tx.query(
      `DELETE FROM group_usage_cell WHERE city_code = $1 AND billing_month = $2`,
      key.slice(0, 2),
    );
    if (slice.body.cells.length > 0) {
      const c = slice.body.cells;
      await tx.query(
        `INSERT INTO usage_rollup_cell
           (city_code, billing_month, province_code, industry, value_class, grade, product,
            revenue_fen, customers, event_count)
         SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[],
                                         $8::bigint[], $9::int[], $10::bigint[])`,
        [
          ...key,
          c.map((x) => x.industry),
          c.map((x) => x.valueClass),
          c.map((x) => x.grade),
          c.map((x) => x.product),
          c.map((x) => x.revenueFen.toString()),
          c.map((x) => x.customers),
          c.map((x) => x.eventCount.toString()),
        ],
      );
    }
    if (slice.body.groups.length > 0) {
      const g = slice.body.groups;
      await tx.query(
        `INSERT INTO group_usage_cell
           (city_code, billing_month, province_code, group_code, revenue_fen, customers, event_count)
         SELECT $1, $2, $3, * FROM unnest($4::text[], $5::bigint[], $6::int[], $7::bigint[])`,
        [
          ...key,
          g.map((x) => x.groupCode),
          g.map((x) => x.revenueFen.toString()),
          g.map((x) => x.customers),
          g.map((x) => x.eventCount.toString()),
        ],
      );
    }
    await CubeSummaries.refreshSlice(tx, slice.provinceCode, slice.billingMonth);
  }

  /** Revenue and events per city and month as the provinces' slices last stated them. */
  async totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<{ city_code: string; billing_month: string; revenue: string; events: string }[]> {
    return tx.query(
      `SELECT city_code, billing_month, revenue_fen::text AS revenue, event_count::text AS events
         FROM usage_slice
        WHERE city_code = ANY($1::text[]) AND billing_month = ANY($2::text[])`,
      [cityCodes, billingMonths],
    );
  }
}
