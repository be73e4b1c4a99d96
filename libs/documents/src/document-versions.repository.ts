import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Audience } from './document-definition';

export interface StoredVersion {
  key: string;
  issuer: string;
  version: bigint;
  body: Uint8Array;
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
  audience: Audience;
  published_at: Date;
}

const toStored = (r: Row): StoredVersion => ({
  key: r.key,
  issuer: r.issuer,
  version: BigInt(r.version),
  body: new Uint8Array(r.body),
  audience: r.audience,
  publishedAt: r.published_at,
});

/** All SQL on `document_version`: the versions this node holds, per document, key and issuer. */
@Injectable()
export class DocumentVersionsRepository {
  /** The versions held for `keys`, locked until the transaction ends (the caller compares, then writes). */
  async lock(
    tx: EntityManager,
    document: string,
    issuer: string,
    keys: readonly string[],
  ): Promise<Map<string, StoredVersion>> {
    const rows = await tx.query<Row[]>(
      `SELECT key, issuer, version::text, body, audience, published_at FROM document_version
        WHERE document = $1 AND issuer = $2 AND key = ANY($3::text[])
        ORDER BY key FOR UPDATE`,
      [document, issuer, keys],
    );
    return new Map(rows.map((r) => [r.key, toStored(r)]));
  }

  /** Stores versions (set-based); a version not above the held one changes nothing. */
  async upsert(tx: EntityManager, document: string, versions: readonly StoredVersion[]): Promise<void> {
    if (versions.length === 0) return;
    await tx.query(
      `INSERT INTO document_version AS d (document, key, issuer, version, body, audience, published_at, stored_at)
       SELECT $1, v.key, v.issuer, v.version, v.body, v.audience, v.published_at, now()
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bytea[], $6::jsonb[], $7::timestamptz[])
           AS v(key, issuer, version, body, audience, published_at)
       ON CONFLICT (document, key, issuer) DO UPDATE SET
         version = excluded.version, body = excluded.body, audience = excluded.audience,
         published_at = excluded.published_at, stored_at = excluded.stored_at
       WHERE excluded.version > d.version`,
      [
        document,
        versions.map((v) => v.key),
        versions.map((v) => v.issuer),
        versions.map((v) => v.version.toString()),
        versions.map((v) => Buffer.from(v.body)),
        versions.map((v) => JSON.stringify(v.audience)),
        versions.map((v) => v.publishedAt),
      ],
    );
  }

  /** Every version held of a document, by key (a resync answer's snapshot). */
  async all(tx: EntityManager, document: string): Promise<StoredVersion[]> {
    const rows = await tx.query<Row[]>(
      `SELECT key, issuer, version::text, body, audience, published_at FROM document_version
        WHERE document = $1 ORDER BY issuer, key`,
      [document],
    );
    return rows.map(toStored);
  }

  /**
   * The version of a single-body document held here, if any. Every single-body document today has
   * one issuer (the national node); a document issued at two tiers would need a rule to combine them.
   */
  async single(manager: EntityManager, document: string): Promise<StoredVersion | undefined> {
    const [row] = await manager.query<Row[]>(
      `SELECT key, issuer, version::text, body, audience, published_at FROM document_version
        WHERE document = $1 AND key = '' ORDER BY version DESC LIMIT 1`,
      [document],
    );
    return row ? toStored(row) : undefined;
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
