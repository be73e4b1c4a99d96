/**
 * Arrears as a measure reported upward (a `Measure` of @kaf/upward-figures, plain data like
 * `USAGE_MEASURE`). A city reports a cell per customer and month (body
 * kaf.billing.v1.CustomerArrearsCell, key: the customer id), summed over the customer's billing
 * accounts as of the month's end (the current month: as of today); a province reports a slice per
 * city and month (body kaf.rollups.v1.ArrearsRollupSlice, key ""). Totals per city and month: the
 * overdue bands, their sum, what is not yet due, the unallocated credit, the accounts and the
 * customer cells.
 */
export const ARREARS_MEASURE = Object.freeze({
  name: 'arrears',
  totals: Object.freeze([
    'arrearsFen',
    'upTo30Fen',
    'days31To90Fen',
    'over90Fen',
    'notDueFen',
    'unallocatedFen',
    'accounts',
    'cells',
  ] as const),
});

/** The figures of arrears at any grain (a customer-month, a slice line, a city-month); fen as bigint. */
export interface ArrearsFigures {
  upTo30Fen: bigint;
  days31To90Fen: bigint;
  over90Fen: bigint;
  notDueFen: bigint;
  unallocatedFen: bigint;
  accounts: bigint;
}

/** Overdue in total: the three age bands (what is not yet due and the credit are apart). */
export function arrearsFenOf(f: Pick<ArrearsFigures, 'upTo30Fen' | 'days31To90Fen' | 'over90Fen'>): bigint {
  return f.upTo30Fen + f.days31To90Fen + f.over90Fen;
}

/** A totals line's figures of the arrears measure, every total by name. */
export function arrearsTotals(f: ArrearsFigures, cells: bigint): Record<string, bigint> {
  return { arrearsFen: arrearsFenOf(f), ...f, cells };
}

/** Arrears figures as PostgreSQL hands them back (decimal strings), in the columns' names. */
export interface ArrearsSumsRow {
  up_to_30_fen: string;
  days_31_to_90_fen: string;
  over_90_fen: string;
  not_due_fen: string;
  unallocated_fen: string;
  accounts: string | number;
}

/** Figures as PostgreSQL hands back sums (decimal strings), read into bigint. */
export function arrearsFiguresOf(row: ArrearsSumsRow): ArrearsFigures {
  return {
    upTo30Fen: BigInt(row.up_to_30_fen),
    days31To90Fen: BigInt(row.days_31_to_90_fen),
    over90Fen: BigInt(row.over_90_fen),
    notDueFen: BigInt(row.not_due_fen),
    unallocatedFen: BigInt(row.unallocated_fen),
    accounts: BigInt(row.accounts),
  };
}

/**
 * The SQL select list of the arrears figures summed over `alias`'s rows (columns named as in
 * `billing_arrears_month` and the province's copy), read back by `arrearsFiguresOf`.
 */
export function sumArrearsColumns(alias: string, accounts = `sum(${alias}.accounts)`): string {
  return [
    `coalesce(sum(${alias}.up_to_30_fen), 0)::text AS up_to_30_fen`,
    `coalesce(sum(${alias}.days_31_to_90_fen), 0)::text AS days_31_to_90_fen`,
    `coalesce(sum(${alias}.over_90_fen), 0)::text AS over_90_fen`,
    `coalesce(sum(${alias}.not_due_fen), 0)::text AS not_due_fen`,
    `coalesce(sum(${alias}.unallocated_fen), 0)::text AS unallocated_fen`,
    `coalesce(${accounts}, 0)::text AS accounts`,
  ].join(', ');
}
