import type { EntityManager } from 'typeorm';

/**
 * A child's table whose rows are reported upward: each row carries `version` (raised by every
 * change) and `reported_version` (the version last written to the outbox), so a row waits while
 * `version > reported_version` (a partial index on that predicate keeps the work list cheap).
 */
export interface ReportedTable {
  name: string;
  /** The primary key's columns, in the order rows are taken in. */
  key: readonly string[];
}

/**
 * Takes up to `limit` waiting rows and marks them reported at the version read, in the caller's
 * transaction, returning `columns` (a select list over alias `u`). Rows another reporter or a
 * booking holds are skipped, so two instances never report one change twice and the reporter
 * never waits; a change that lands after the mark raises the version again and the row comes back.
 */
export function takeUnreported<Row>(
  tx: EntityManager,
  table: ReportedTable,
  columns: string,
  limit: number,
): Promise<Row[]> {
  const key = table.key.join(', ');
  const join = table.key.map((k) => `u.${k} = p.${k}`).join(' AND ');
  return tx.query<Row[]>(
    `WITH picked AS (
       SELECT ${key} FROM ${table.name}
        WHERE version > reported_version
        ORDER BY ${key}
        LIMIT $1
        FOR UPDATE SKIP LOCKED
     ), marked AS (
       UPDATE ${table.name} u SET reported_version = u.version
         FROM picked p
        WHERE ${join}
       RETURNING ${columns}
     )
     -- Read through a SELECT: the driver answers a bare UPDATE … RETURNING with [rows, count].
     SELECT * FROM marked`,
    [limit],
  );
}

/** Rows changed since they were last reported. */
export async function countUnreported(tx: EntityManager, table: ReportedTable): Promise<number> {
  const [row] = await tx.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM ${table.name} WHERE version > reported_version`,
  );
  return row?.n ?? 0;
}
