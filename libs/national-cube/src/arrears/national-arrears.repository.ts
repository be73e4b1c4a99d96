import { Injectable } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { ArrearsRollupSlice } from '@kaf/contracts';
import { arrearsSliceTotals, upsertArrearsSlice } from '@kaf/province-usage';
import type { EntityManager } from 'typeorm';

/** A province's arrears slice of one city and month as the national node keeps it. */
export interface ReceivedArrearsSlice {
  provinceCode: string;
  cityCode: string;
  billingMonth: string;
  version: bigint;
  body: ArrearsRollupSlice;
}

/** The national node's SQL over the arrears slices: whole-slice replacement, set-based. */
@Injectable()
export class NationalArrearsRepository {
  /** Records the slice's version and totals when it is newer than the stored one; true when it was. */
  async acceptVersion(tx: EntityManager, slice: ReceivedArrearsSlice): Promise<boolean> {
    const stored = await upsertArrearsSlice(
      tx,
      {
        ...slice,
        totals: arrearsSliceTotals(slice.body.lines),
        newestChangeAt: slice.body.newestChangeAt ? timestampDate(slice.body.newestChangeAt) : null,
      },
      true,
    );
    return stored !== undefined;
  }

  /** Replaces the city and month's lines with the slice's. */
  async replaceLines(tx: EntityManager, slice: ReceivedArrearsSlice): Promise<void> {
    await tx.query(`DELETE FROM arrears_rollup_cell WHERE city_code = $1 AND billing_month = $2`, [
      slice.cityCode,
      slice.billingMonth,
    ]);
    const l = slice.body.lines;
    if (l.length === 0) return;
    await tx.query(
      `INSERT INTO arrears_rollup_cell
         (city_code, billing_month, province_code, industry, grade, up_to_30_fen, days_31_to_90_fen,
          over_90_fen, not_due_fen, unallocated_fen, accounts, customers)
       SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[],
                                       $9::bigint[], $10::bigint[], $11::int[], $12::int[])`,
      [
        slice.cityCode,
        slice.billingMonth,
        slice.provinceCode,
        l.map((x) => x.industry),
        l.map((x) => x.grade),
        l.map((x) => x.upTo30Fen.toString()),
        l.map((x) => x.days31To90Fen.toString()),
        l.map((x) => x.over90Fen.toString()),
        l.map((x) => x.notDueFen.toString()),
        l.map((x) => x.unallocatedFen.toString()),
        l.map((x) => x.accounts),
        l.map((x) => x.customers),
      ],
    );
  }
}
