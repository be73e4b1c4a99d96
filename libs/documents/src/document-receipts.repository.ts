import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface Receipt {
  node: string;
  key: string;
  version: bigint;
  appliedAt: Date;
}

/** Which node ought to hold which versions: audience nodes per published audience of the document. */
export interface ExpectedNodes {
  issuer: string;
  /** `audience::text` of the versions these nodes are expected to apply. */
  audienceText: string;
  nodes: readonly string[];
}

export interface ReceiptFilter {
  key?: string;
  node?: string;
  /** Only nodes that have not applied the version held here. */
  behind?: boolean;
}

export interface ReceiptRow {
  node: string;
  key: string;
  issuer: string;
  heldVersion: bigint;
  appliedVersion: bigint | null;
  appliedAt: Date | null;
}

export interface ReceiptCounts {
  expected: number;
  upToDate: number;
}

/** All SQL on `document_receipt`: the versions nodes of this subtree reported as applied. */
@Injectable()
export class DocumentReceiptsRepository {
  /**
   * Keeps the highest version per node and key; an older or repeated receipt changes nothing.
   * Returns the receipts that changed a row (the only ones worth passing on).
   */
  async record(
    tx: EntityManager,
    document: string,
    issuer: string,
    receipts: readonly Receipt[],
  ): Promise<Receipt[]> {
    if (receipts.length === 0) return [];
    const rows = await tx.query<{ key: string; node: string; version: string; applied_at: Date }[]>(
      `INSERT INTO document_receipt AS r (document, key, issuer, node, version, applied_at, received_at)
       SELECT DISTINCT ON (v.key, v.node) $1, v.key, $2, v.node, v.version, v.applied_at, now()
         FROM unnest($3::text[], $4::text[], $5::bigint[], $6::timestamptz[]) AS v(key, node, version, applied_at)
        ORDER BY v.key, v.node, v.version DESC
       ON CONFLICT (document, key, issuer, node) DO UPDATE SET
         version = excluded.version, applied_at = excluded.applied_at, received_at = excluded.received_at
       WHERE excluded.version > r.version
       RETURNING key, node, version::text, applied_at`,
      [
        document,
        issuer,
        receipts.map((r) => r.key),
        receipts.map((r) => r.node),
        receipts.map((r) => r.version.toString()),
        receipts.map((r) => r.appliedAt),
      ],
    );
    return rows.map((r) => ({
      node: r.node,
      key: r.key,
      version: BigInt(r.version),
      appliedAt: r.applied_at,
    }));
  }

  /** Per expected node and key: the version held here against the one the node applied. */
  async list(
    manager: EntityManager,
    document: string,
    expected: readonly ExpectedNodes[],
    filter: ReceiptFilter,
    page: { limit: number; offset: number },
  ): Promise<{ total: number; rows: ReceiptRow[] }> {
    const { sql, params } = expectedJoin(document, expected, filter);
    const [count] = await manager.query<{ n: number }[]>(`SELECT count(*)::int AS n ${sql}`, params);
    const rows = await manager.query<
      {
        node: string;
        key: string;
        issuer: string;
        held: string;
        applied: string | null;
        applied_at: Date | null;
      }[]
    >(
      `SELECT e.node, d.key, d.issuer, d.version::text AS held, r.version::text AS applied, r.applied_at
       ${sql} ORDER BY d.key, d.issuer, e.ord LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return {
      total: count?.n ?? 0,
      rows: rows.map((r) => ({
        node: r.node,
        key: r.key,
        issuer: r.issuer,
        heldVersion: BigInt(r.held),
        appliedVersion: r.applied === null ? null : BigInt(r.applied),
        appliedAt: r.applied_at,
      })),
    };
  }

  async counts(
    manager: EntityManager,
    document: string,
    expected: readonly ExpectedNodes[],
  ): Promise<ReceiptCounts> {
    const { sql, params } = expectedJoin(document, expected, {});
    const [row] = await manager.query<{ expected: number; current: number }[]>(
      `SELECT count(*)::int AS expected, count(*) FILTER (WHERE r.version >= d.version)::int AS current ${sql}`,
      params,
    );
    return { expected: row?.expected ?? 0, upToDate: row?.current ?? 0 };
  }
}

function expectedJoin(
  document: string,
  expected: readonly ExpectedNodes[],
  filter: ReceiptFilter,
): { sql: string; params: unknown[] } {
  const issuers: string[] = [];
  const audiences: string[] = [];
  const nodes: string[] = [];
  const order: number[] = [];
  for (const group of expected) {
    group.nodes.forEach((node, i) => {
      issuers.push(group.issuer);
      audiences.push(group.audienceText);
      nodes.push(node);
      order.push(i);
    });
  }
  const params: unknown[] = [document, issuers, audiences, nodes, order];
  const where: string[] = ['d.document = $1'];
  if (filter.key !== undefined) where.push(`d.key = $${params.push(filter.key)}`);
  if (filter.node !== undefined) where.push(`e.node = $${params.push(filter.node)}`);
  if (filter.behind) where.push('(r.version IS NULL OR r.version < d.version)');
  const sql = `FROM document_version d
      JOIN unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS e(issuer, audience, node, ord)
        ON e.issuer = d.issuer AND e.audience = d.audience::text
      LEFT JOIN document_receipt r
        ON r.document = d.document AND r.key = d.key AND r.issuer = d.issuer AND r.node = e.node
     WHERE ${where.join(' AND ')}`;
  return { sql, params };
}
