import { create, type DescMessage, fromBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  type DocumentAudience,
  DocumentAudienceSchema,
  type DocumentItem,
  DocumentItemSchema,
  DocumentPublishedSchema,
} from '@kaf/contracts';
import { NODE_TIERS, type NodeTier, type Topology } from '@kaf/federation';
import type { OutgoingMessage } from '@kaf/messaging';
import type { Audience, DocumentDefinition, DocumentVersion } from './document-definition';
import type { StoredVersion } from './document-versions.repository';

/** Bounds one message: a resync of a large registry goes as several. */
export const ITEMS_PER_MESSAGE = 500;

/** Every document to one node travels under one key, so its versions arrive in order. */
export const documentKey = (document: string): string => `document:${document}`;

export function audienceToWire(audience: Audience): DocumentAudience {
  return create(DocumentAudienceSchema, {
    tiers: [...(audience.tiers ?? [])],
    nodes: [...(audience.nodes ?? [])],
  });
}

/** The audience as received; undefined when it names a tier that does not exist. */
export function audienceFromWire(wire: DocumentAudience | undefined): Audience | undefined {
  const tiers = wire?.tiers ?? [];
  if (!tiers.every((t): t is NodeTier => (NODE_TIERS as readonly string[]).includes(t))) return undefined;
  return normalised({ tiers, nodes: wire?.nodes ?? [] });
}

/** One spelling per audience, so equal audiences compare equal as stored JSON. */
export function normalised(audience: Audience): Audience {
  return {
    tiers: [...new Set(audience.tiers ?? [])].sort(),
    nodes: [...new Set(audience.nodes ?? [])].sort(),
  };
}

export function itemToWire(version: StoredVersion): DocumentItem {
  return create(DocumentItemSchema, {
    key: version.key,
    version: version.version,
    body: version.body,
    publishedAt: timestampFromDate(version.publishedAt),
    withdrawn: version.withdrawn,
  });
}

export function itemFromWire(
  item: DocumentItem,
  issuer: string,
  audience: Audience,
  fallback: Date,
): StoredVersion {
  return {
    key: item.key,
    issuer,
    version: item.version,
    body: item.withdrawn ? new Uint8Array() : item.body,
    withdrawn: item.withdrawn,
    audience,
    publishedAt: item.publishedAt ? timestampDate(item.publishedAt) : fallback,
  };
}

/** The messages that carry `versions` (all of one issuer and audience) to `target`. */
export function publications(
  document: string,
  issuer: string,
  audience: Audience,
  versions: readonly StoredVersion[],
  target: string,
): OutgoingMessage<typeof DocumentPublishedSchema>[] {
  const messages: OutgoingMessage<typeof DocumentPublishedSchema>[] = [];
  for (let i = 0; i < versions.length; i += ITEMS_PER_MESSAGE) {
    messages.push({
      schema: DocumentPublishedSchema,
      payload: create(DocumentPublishedSchema, {
        document,
        issuer,
        audience: audienceToWire(audience),
        items: versions.slice(i, i + ITEMS_PER_MESSAGE).map(itemToWire),
      }),
      target,
      key: documentKey(document),
    });
  }
  return messages;
}

/** PostgreSQL refuses to touch one row twice in one statement: keep the highest version per key. */
export function newestPerKey(versions: readonly StoredVersion[]): StoredVersion[] {
  const newest = new Map<string, StoredVersion>();
  for (const v of versions) {
    const known = newest.get(v.key);
    if (!known || v.version > known.version) newest.set(v.key, v);
  }
  return [...newest.values()];
}

/** A stored version as capabilities see it (its body decoded). */
export function decodedVersion<Desc extends DescMessage>(
  definition: DocumentDefinition<Desc>,
  stored: StoredVersion,
  topology: Topology,
): DocumentVersion<Desc> {
  return {
    key: stored.key,
    issuer: stored.issuer,
    override: topology.find(stored.issuer)?.tier !== definition.issuerTier,
    version: stored.version,
    body: fromBinary(definition.schema, stored.body),
    publishedAt: stored.publishedAt,
  };
}
