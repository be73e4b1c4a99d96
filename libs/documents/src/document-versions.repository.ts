import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Audience } from './document-definition';

export interface StoredVersion {
  key: string;
  issuer: string;
  version: bigint;
  /** Empty when withdrawn. */
  body: Uint8Array;
  /** The issuer withdrew its version of the key (an override withdrawn: ADR 0032). */
  withdrawn: boolean;
  audience: Audience;
  publishedAt: Date;
}

export interface HeldSummary {
  document: string;
  issuer: string;
  keys: number;
  highestVersion: bigint;
  lastStoredAt: Date;
}

interface Row {
  key: string;
  issuer: string;
  version: string;
  body: Buffer;
  withdrawn: boolean;
  audience: Audience;
  published_at: Date;
}

const toStored = (r: Row): StoredVersion => ({
  key: r.key,
  issuer: r.issuer,
  version: BigInt(r.version),
  body: new Uint8Array(r.body),
  withdrawn: r.withdrawn,
  audience: r.audience,
  publishedAt: r.published_at,
});

const COLUMNS = 'key, issuer, version::text, body, withdrawn, audience, published_at';
/** First key of the advisory lock that serialises a layered document's writers at a node. */
const DOCUMENT_LOCK = 0x6b616631;

/** All SQL on `document_version`: the versions this node holds, per document, key and issuer. */
@Injectable()
export class DocumentVersionsRepository {
  /**
   * Every issuer's version held for `keys` (the layers of those keys), locked until the
   * transaction ends when `lock` (the caller compares, then writes).
   */
  async layers(
    manager: EntityManager,
    document: string,
    keys: readonly string[],
    lock = true,
  ): Promise<StoredVersion[]> {
    const rows = await manager.query<Row[]>(
      `SELECT ${COLUMNS} FROM document_version
        WHERE document = $1 AND key = ANY($2::text[])
        ORDER BY key, issuer${lock ? ' FOR UPDATE' : ''}`,
      [document, keys],
    );
    return rows.map(toStored);
  }

  /**
   * Serialises, until the transaction ends, every writer of a document at this node: of a layered
   * document, the node's own override and the versions it receives from above change what is in
   * force together, and the first version of a key has no row yet to lock.
   */
  async lockDocument(tx: EntityManager, document: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(${DOCUMENT_LOCK}, hashtext($1))`, [document]);
  }

  /** Stores versions (set-based); a version not above the held one changes nothing. */
  async upsert(tx: EntityManager, document: string, versions: readonly StoredVersion[]): Promise<void> {
    if (versions.length === 0) return;
    await tx.query(
      `INSERT INTO document_version AS d
         (document, key, issuer, version, body, withdrawn, audience, published_at, stored_at)
       SELECT $1, v.key, v.issuer, v.version, v.body, v.withdrawn, v.audience, v.published_at, now()
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bytea[], $6::boolean[], $7::jsonb[],
                     $8::timestamptz[])
           AS v(key, issuer, version, body, withdrawn, audience, published_at)
       ON CONFLICT (document, key, issuer) DO UPDATE SET
         version = excluded.version, body = excluded.body, withdrawn = excluded.withdrawn,
         audience = excluded.audience, published_at = excluded.published_at, stored_at = excluded.stored_at
       WHERE excluded.version > d.version`,
      [
        document,
        versions.map((v) => v.key),
        versions.map((v) => v.issuer),
        versions.map((v) => v.version.toString()),
        versions.map((v) => Buffer.from(v.body)),
        versions.map((v) => v.withdrawn),
        versions.map((v) => JSON.stringify(v.audience)),
        versions.map((v) => v.publishedAt),
      ],
    );
  }

  /** Every version held of a document, by key (a resync answer's snapshot). */
  async all(tx: EntityManager, document: string): Promise<StoredVersion[]> {
    const rows = await tx.query<Row[]>(
      `SELECT ${COLUMNS} FROM document_version WHERE document = $1 ORDER BY issuer, key`,
      [document],
    );
    return rows.map(toStored);
  }

  /** The sum of every version held of a document (`stampOf` over all its keys), in `manager`'s view. */
  async stamp(manager: EntityManager, document: string): Promise<bigint> {
    const rows = await manager.query<{ stamp: string }[]>(
      `SELECT coalesce(sum(version), 0)::text AS stamp FROM document_version WHERE document = $1`,
      [document],
    );
    return BigInt(rows[0]?.stamp ?? '0');
  }

  async holdsAny(manager: EntityManager, document: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM document_version WHERE document = $1 LIMIT 1`,
      [document],
    );
    return rows.length > 0;
  }

  async summaries(manager: EntityManager): Promise<HeldSummary[]> {
    const rows = await manager.query<
      { document: string; issuer: string; keys: number; highest: string; last: Date }[]
    >(
      `SELECT document, issuer, count(*)::int AS keys, max(version)::text AS highest, max(stored_at) AS last
         FROM document_version GROUP BY document, issuer ORDER BY document, issuer`,
    );
    return rows.map((r) => ({
      document: r.document,
      issuer: r.issuer,
      keys: r.keys,
      highestVersion: BigInt(r.highest),
      lastStoredAt: r.last,
    }));
  }

  /** The distinct audiences versions of a document were published to (few: one per kind of publication). */
  async audiences(
    manager: EntityManager,
    document: string,
  ): Promise<{ issuer: string; audience: Audience; text: string }[]> {
    return manager.query(
      `SELECT DISTINCT issuer, audience, audience::text AS text FROM document_version WHERE document = $1`,
      [document],
    );
  }
}
