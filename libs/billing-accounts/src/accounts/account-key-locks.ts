import type { EntityManager } from 'typeorm';

/** First key of the two-key advisory locks on billing accounts (the second is a hash of the account). */
const ACCOUNT_LOCK_SPACE = 0x62616363; // 'bacc'

/** An account as the billing system names it. */
export interface AccountKey {
  source: string;
  accountNumber: string;
}

/**
 * Transaction-scoped advisory locks on accounts by (source, number), taken in one fixed order.
 * A change that opens accounts takes them `exclusive` before it looks for the events parked for
 * them; a door that found no account takes them `shared` and looks again before it parks. So an
 * event cannot be parked by a door that missed an account whose opening has not committed yet
 * while that opening misses the event: one of the two waits for the other's commit.
 */
export async function lockAccountKeys(
  tx: EntityManager,
  keys: readonly AccountKey[],
  mode: 'shared' | 'exclusive',
): Promise<void> {
  // JSON keeps the pair unambiguous and free of NUL, which PostgreSQL text cannot hold.
  const texts = [...new Set(keys.map((k) => JSON.stringify([k.source, k.accountNumber])))].sort();
  if (texts.length === 0) return;
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  // One statement; the ORDER BY makes every transaction take its locks in the same order.
  await tx.query(`SELECT ${fn}($1::int, hashtext(k)) FROM unnest($2::text[]) AS k ORDER BY hashtext(k), k`, [
    ACCOUNT_LOCK_SPACE,
    texts,
  ]);
}
