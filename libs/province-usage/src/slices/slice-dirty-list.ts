import type { EntityManager } from 'typeorm';

/** A (city, month) slice taken off a dirty list by one builder. */
export interface ClaimedSlice {
  cityCode: string;
  billingMonth: string;
  dirtySince: Date;
}

/** Which slices a resync or a policy change marks dirty; empty lists mean all. */
export interface SliceSelection {
  billingMonths?: readonly string[];
  cityCodes?: readonly string[];
}

/**
 * The (city, month) slices of one measure a province must derive again, and the tables they are
 * derived from and into: every measure the province reports as slices (usage, arrears) keeps its
 * marks the same way, so the statements are written once here.
 *
 * Marks are written in the transaction of the change and claimed (deleted) by the builder in the
 * transaction that rebuilds the slice. A mark that finds the slice already dirty still updates it
 * (to the same first change time) to lock that row until the change commits: the builder claims
 * with SKIP LOCKED, so it cannot take the slice and read the detail before the change is visible.
 */
export class SliceDirtyList {
  constructor(
    /** The marks: (city_code, billing_month, dirty_since). */
    readonly table: string,
    /** The cities' detail the slices are derived from: (customer_id, city_code, billing_month, ...). */
    private readonly detail: string,
    /** The slices built: (city_code, billing_month, ...). */
    private readonly built: string,
  ) {}

  /**
   * A statement fragment marking dirty the slices of city `cityParam` and the `billing_month`s of
   * the relation `months`, for a detail upsert to mark what it changed in the same statement.
   */
  markMonths(cityParam: string, months: string): string {
    return `INSERT INTO ${this.table} (city_code, billing_month, dirty_since)
         SELECT ${cityParam}, billing_month, now() FROM ${months} ORDER BY billing_month
         ON CONFLICT (city_code, billing_month) DO UPDATE SET dirty_since = ${this.table}.dirty_since`;
  }

  /** Marks dirty every slice in whose detail one of the customers appears. */
  async markCustomers(tx: EntityManager, customerIds: readonly string[]): Promise<void> {
    if (customerIds.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.table} (city_code, billing_month, dirty_since)
       SELECT DISTINCT city_code, billing_month, now() FROM ${this.detail}
        WHERE customer_id = ANY($1::uuid[])
        ORDER BY city_code, billing_month
       ON CONFLICT (city_code, billing_month) DO UPDATE SET dirty_since = ${this.table}.dirty_since`,
      [customerIds],
    );
  }

  /** Marks the selected slices dirty: those built before and those with detail but no build yet. */
  async mark(tx: EntityManager, selection: SliceSelection = {}): Promise<number> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO ${this.table} (city_code, billing_month)
       SELECT city_code, billing_month FROM ${this.built}
        WHERE (cardinality($1::text[]) = 0 OR billing_month = ANY($1))
          AND (cardinality($2::text[]) = 0 OR city_code = ANY($2))
       UNION
       SELECT DISTINCT city_code, billing_month FROM ${this.detail}
        WHERE (cardinality($1::text[]) = 0 OR billing_month = ANY($1))
          AND (cardinality($2::text[]) = 0 OR city_code = ANY($2))
       ON CONFLICT (city_code, billing_month) DO UPDATE SET dirty_since = ${this.table}.dirty_since
       RETURNING city_code`,
      [selection.billingMonths ?? [], selection.cityCodes ?? []],
    );
    return rows.length;
  }

  /**
   * Takes the oldest dirty slice no other builder holds and deletes its mark at once. A change
   * that arrives while the slice is being computed finds the mark being deleted, waits for this
   * transaction and marks the slice anew, so it is built in the next round, never lost.
   * `skip` holds keys (city:month) of slices not to take now.
   */
  async claimNext(tx: EntityManager, skip: readonly string[] = []): Promise<ClaimedSlice | undefined> {
    const rows = await tx.query<{ city_code: string; billing_month: string; dirty_since: Date }[]>(
      `WITH next AS (
         SELECT city_code, billing_month FROM ${this.table}
          WHERE city_code || ':' || billing_month <> ALL($1::text[])
          ORDER BY dirty_since, city_code, billing_month
          LIMIT 1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         DELETE FROM ${this.table} d USING next
          WHERE d.city_code = next.city_code AND d.billing_month = next.billing_month
         RETURNING d.city_code, d.billing_month, d.dirty_since)
       SELECT city_code, billing_month, dirty_since FROM claimed`,
      [skip],
    );
    const row = rows[0];
    return row && { cityCode: row.city_code, billingMonth: row.billing_month, dirtySince: row.dirty_since };
  }

  /** The version of the slice's last build, its row locked until the rebuild commits. */
  async lockVersion(
    tx: EntityManager,
    slice: Pick<ClaimedSlice, 'cityCode' | 'billingMonth'>,
  ): Promise<bigint | null> {
    const [row] = await tx.query<{ version: string }[]>(
      `SELECT version::text AS version FROM ${this.built}
        WHERE city_code = $1 AND billing_month = $2 FOR UPDATE`,
      [slice.cityCode, slice.billingMonth],
    );
    return row ? BigInt(row.version) : null;
  }

  /** Slices waiting to be built (the backlog). */
  async count(tx: EntityManager): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${this.table}`);
    return row?.n ?? 0;
  }
}

/** Usage slices: derived from `city_customer_usage` into `usage_slice` and its cube cells. */
export const USAGE_SLICES_DIRTY = new SliceDirtyList(
  'usage_slice_dirty',
  'city_customer_usage',
  'usage_slice',
);

/** Arrears slices: derived from `city_customer_arrears` into `arrears_slice` and its lines. */
export const ARREARS_SLICES_DIRTY = new SliceDirtyList(
  'arrears_slice_dirty',
  'city_customer_arrears',
  'arrears_slice',
);
