import { create, type DescMessage, type MessageShape, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DocumentPublishedSchema } from '@kaf/contracts';
import { tokenFor } from './auth';
import { sendAs } from './inbox-injection';
import type { NodeProcess } from './node-process';

/** One row of `GET /api/v1/documents/{document}/receipts`. */
export interface ReceiptView {
  node: string;
  tier: string;
  key: string;
  issuer: string;
  heldVersion: string;
  appliedVersion: string | null;
  appliedAt: string | null;
  upToDate: boolean;
}

/** The receipts a node holds for its subtree, as an HQ or node administrator of that node reads them. */
export async function receiptsAt(node: NodeProcess, document: string, query = ''): Promise<ReceiptView[]> {
  const token = await tokenFor({ roles: 'node_admin', node: node.spec.code });
  return node.get<ReceiptView[]>(`/api/v1/documents/${document}/receipts?limit=500${query}`, token);
}

/** `{ node: appliedVersion }` for one key of a document, as `node` sees its subtree. */
export async function appliedVersions(
  node: NodeProcess,
  document: string,
  key = '',
): Promise<Record<string, string | null>> {
  const rows = await receiptsAt(node, document, `&key=${encodeURIComponent(key)}`);
  return Object.fromEntries(rows.map((r) => [r.node, r.appliedVersion]));
}

/** Puts a `DocumentPublished` into `target`'s inbox as if `source` had sent it. */
export function publishAs<Desc extends DescMessage>(
  namespace: string,
  source: string,
  target: string,
  document: { name: string; issuer: string; schema: Desc },
  items: { key?: string; version: bigint; body?: MessageShape<Desc>; withdrawn?: boolean }[],
): Promise<string> {
  return sendAs(
    namespace,
    source,
    target,
    DocumentPublishedSchema,
    create(DocumentPublishedSchema, {
      document: document.name,
      issuer: document.issuer,
      audience: {},
      items: items.map((i) => ({
        key: i.key ?? '',
        version: i.version,
        body: i.body ? toBinary(document.schema, i.body) : new Uint8Array(),
        withdrawn: i.withdrawn ?? false,
        publishedAt: timestampFromDate(new Date()),
      })),
    }),
    `document:${document.name}`,
  );
}
