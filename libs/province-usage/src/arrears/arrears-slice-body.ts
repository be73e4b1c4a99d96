import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type ArrearsRollupSlice, ArrearsRollupSliceSchema } from '@kaf/contracts';
import type { ArrearsFigures } from '@kaf/usage-rules';

/** One line of an arrears slice as the database returns it: fen as decimal strings. */
export interface ArrearsLineRow extends ArrearsLineFigures {
  industry: string;
  grade: string;
  upTo30Fen: string;
  days31To90Fen: string;
  over90Fen: string;
  notDueFen: string;
  unallocatedFen: string;
}

/** A slice's totals: its lines summed (each customer is on exactly one line). */
export interface ArrearsSliceTotals extends ArrearsFigures {
  customers: number;
}

type Fen = string | bigint;

/** A line's figures, as the database (decimal strings) or the wire (bigint) holds them. */
export interface ArrearsLineFigures {
  upTo30Fen: Fen;
  days31To90Fen: Fen;
  over90Fen: Fen;
  notDueFen: Fen;
  unallocatedFen: Fen;
  accounts: number;
  customers: number;
}

/** The lines' figures summed; to the fen, however large. */
export function arrearsSliceTotals(lines: readonly ArrearsLineFigures[]): ArrearsSliceTotals {
  const totals: ArrearsSliceTotals = {
    upTo30Fen: 0n,
    days31To90Fen: 0n,
    over90Fen: 0n,
    notDueFen: 0n,
    unallocatedFen: 0n,
    accounts: 0n,
    customers: 0,
  };
  for (const line of lines) {
    totals.upTo30Fen += BigInt(line.upTo30Fen);
    totals.days31To90Fen += BigInt(line.days31To90Fen);
    totals.over90Fen += BigInt(line.over90Fen);
    totals.notDueFen += BigInt(line.notDueFen);
    totals.unallocatedFen += BigInt(line.unallocatedFen);
    totals.accounts += BigInt(line.accounts);
    totals.customers += line.customers;
  }
  return totals;
}

/** The slice as reported to the national node: its lines, the newest city change, when computed. */
export function toArrearsSliceBody(
  lines: readonly ArrearsLineRow[],
  stored: { newestChangeAt: Date | null; reportedAt: Date },
): ArrearsRollupSlice {
  return create(ArrearsRollupSliceSchema, {
    lines: lines.map((l) => ({
      industry: l.industry,
      grade: l.grade,
      upTo30Fen: BigInt(l.upTo30Fen),
      days31To90Fen: BigInt(l.days31To90Fen),
      over90Fen: BigInt(l.over90Fen),
      notDueFen: BigInt(l.notDueFen),
      unallocatedFen: BigInt(l.unallocatedFen),
      accounts: l.accounts,
      customers: l.customers,
    })),
    ...(stored.newestChangeAt ? { newestChangeAt: timestampFromDate(stored.newestChangeAt) } : {}),
    computedAt: timestampFromDate(stored.reportedAt),
  });
}
