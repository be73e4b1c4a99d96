import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import { type DocumentPublished, DocumentPublishedSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { inAudience } from './audience';
import { DocumentCatalog } from './document-catalog';
import type { DocumentChange, DocumentDefinition } from './document-definition';
import { DocumentReceiptsRepository } from './document-receipts.repository';
import { DocumentRelay } from './document-relay';
import { DocumentReplicas } from './document-replicas';
import { DocumentVersionsRepository, type StoredVersion } from './document-versions.repository';
import { audienceFromWire, itemFromWire, newestPerKey } from './document-wire';
import { DocumentsMetrics } from './documents.metrics';

/**
 * Below the issuer: keeps the highest version per key; when this node is in the audience it
 * applies the new versions (its listeners run in this transaction) and writes its receipts, which
 * go up to the parent in the same transaction; then it relays the new versions to the children
 * that lead to audience nodes. Older and repeated versions change nothing and go nowhere.
 */
@Injectable()
export class DocumentPublishedHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly catalog: DocumentCatalog,
    private readonly versions: DocumentVersionsRepository,
    private readonly receipts: DocumentReceiptsRepository,
    private readonly relay: DocumentRelay,
    private readonly replicas: DocumentReplicas,
    private readonly metrics: DocumentsMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(DocumentPublishedSchema, 'parent', (published, message, tx) =>
      this.handle(published, message, tx),
    );
  }

  async handle(published: DocumentPublished, message: InboundMessage, tx: EntityManager): Promise<void> {
    const definition = this.catalog.find(published.document);
    if (!definition)
      throw new PermanentMessageError(`document ${JSON.stringify(published.document)} is not known here`);
    const issuer = this.topology.find(published.issuer);
    if (
      !issuer ||
      issuer.tier !== definition.issuerTier ||
      issuer.code === this.identity.code ||
      !this.topology.isWithin(this.identity.code, issuer.code)
    ) {
      throw new PermanentMessageError(
        `${definition.name} issued by ${JSON.stringify(published.issuer)}: not a ${definition.issuerTier} node above this one`,
      );
    }
    const audience = audienceFromWire(published.audience);
    if (!audience) throw new PermanentMessageError(`${definition.name}: the audience names an unknown tier`);

    const incoming = newestPerKey(
      published.items.map((item) => itemFromWire(item, issuer.code, audience, message.occurredAt)),
    );
    const bodies = new Map(incoming.map((v) => [v.key, decodeBody(definition, v, this.topology)]));
    const held = await this.versions.lock(tx, definition.name, issuer.code, [...bodies.keys()]);
    const fresh = incoming.filter((v) => v.version > (held.get(v.key)?.version ?? 0n));
    const stale = incoming.length - fresh.length;
    if (stale > 0) this.metrics.received.inc({ document: definition.name, outcome: 'stale' }, stale);
    if (fresh.length === 0) return;
    await this.versions.upsert(tx, definition.name, fresh);

    const self = this.topology.get(this.identity.code);
    if (inAudience(self, audience, issuer.code)) {
      const changes: DocumentChange[] = fresh.map((v) => {
        const before = held.get(v.key);
        return {
          key: v.key,
          version: v.version,
          body: bodies.get(v.key)!,
          publishedAt: v.publishedAt,
          ...(before ? { previous: { ...before, body: fromBinary(definition.schema, before.body) } } : {}),
        };
      });
      await this.catalog.notify(definition.name, changes, tx);
      const appliedAt = new Date();
      const own = fresh.map((v) => ({ node: self.code, key: v.key, version: v.version, appliedAt }));
      const recorded = await this.receipts.record(tx, definition.name, issuer.code, own);
      await this.relay.up(tx, definition.name, issuer.code, recorded);
      for (const v of fresh) this.replicas.expect(definition.name, v.version);
      this.metrics.received.inc({ document: definition.name, outcome: 'applied' }, fresh.length);
    } else {
      this.metrics.received.inc({ document: definition.name, outcome: 'relayed' }, fresh.length);
    }
    await this.relay.down(tx, definition.name, issuer.code, audience, fresh);
  }
}

function decodeBody(definition: DocumentDefinition, version: StoredVersion, topology: Topology) {
  let body;
  try {
    body = fromBinary(definition.schema, version.body);
  } catch (error) {
    throw new PermanentMessageError(
      `${definition.name} ${version.key || ''} v${version.version}: body cannot be decoded: ${String(error)}`,
    );
  }
  const problem =
    version.version < 1n
      ? `version ${version.version} is below 1`
      : definition.problem?.(body, version.key, topology);
  if (problem) {
    throw new PermanentMessageError(
      `published ${definition.name}${version.key ? ` ${version.key}` : ''} v${version.version} is malformed: ${problem}`,
    );
  }
  return body;
}
