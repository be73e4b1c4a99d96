import { Inject, Injectable } from '@nestjs/common';
import { type DescMessage, type MessageShape, toBinary } from '@bufbuild/protobuf';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import type { EntityManager } from 'typeorm';
import { DocumentCatalog } from './document-catalog';
import type { Audience, DocumentDefinition } from './document-definition';
import { DocumentRelay } from './document-relay';
import { DocumentVersionsRepository } from './document-versions.repository';
import { newestPerKey, normalised } from './document-wire';

export interface NewVersion<Desc extends DescMessage> {
  /** `''` for a single-body document. */
  key?: string;
  version: bigint;
  body: MessageShape<Desc>;
  publishedAt: Date;
}

/**
 * The issuing node's side: stores each new version as the one it holds (resync answers come from
 * there) and sends it down, in the caller's transaction, so a version is published exactly when
 * the change that made it commits. A version not above the one held is skipped, so a capability
 * may hand over its whole current state (at boot, after an upgrade) and only what is missing goes.
 */
@Injectable()
export class DocumentPublisher {
  constructor(
    private readonly catalog: DocumentCatalog,
    private readonly versions: DocumentVersionsRepository,
    private readonly relay: DocumentRelay,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async publish<Desc extends DescMessage>(
    tx: EntityManager,
    definition: DocumentDefinition<Desc>,
    versions: readonly NewVersion<Desc>[],
    audience: Audience = definition.audience,
  ): Promise<number> {
    if (this.identity.tier !== definition.issuerTier) {
      throw new Error(
        `${definition.name} is issued by a ${definition.issuerTier} node, not by ${this.identity.code}`,
      );
    }
    this.catalog.known(definition);
    const issuer = this.identity.code;
    const stored = newestPerKey(
      versions.map((v) => ({
        key: v.key ?? '',
        issuer,
        version: v.version,
        body: toBinary(definition.schema, v.body),
        audience: normalised(audience),
        publishedAt: v.publishedAt,
      })),
    );
    const held = await this.versions.lock(
      tx,
      definition.name,
      issuer,
      stored.map((v) => v.key),
    );
    const fresh = stored.filter((v) => v.version > (held.get(v.key)?.version ?? 0n));
    await this.versions.upsert(tx, definition.name, fresh);
    await this.relay.down(tx, definition.name, issuer, normalised(audience), fresh);
    return fresh.length;
  }
}
