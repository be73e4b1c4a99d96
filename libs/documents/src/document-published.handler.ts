import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import { type DocumentPublished, DocumentPublishedSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  type NodeTier,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { inAudience } from './audience';
import { DocumentCatalog } from './document-catalog';
import { type DocumentDefinition, issuingTiers } from './document-definition';
import { DocumentLayers } from './document-layers';
import { DocumentReceiptsRepository } from './document-receipts.repository';
import { DocumentRelay } from './document-relay';
import type { StoredVersion } from './document-versions.repository';
import { audienceFromWire, itemFromWire, newestPerKey } from './document-wire';
import { DocumentsMetrics } from './documents.metrics';

/**
 * Below the issuer: keeps the highest version per key and issuer; when this node is in the
 * audience it applies the new versions (its listeners run in this transaction with what changed
 * in force here, ADR 0032) and writes its receipts, which go up to the parent in the same
 * transaction; then it relays the new versions to the children that lead to audience nodes.
 * Older and repeated versions change nothing and go nowhere.
 */
@Injectable()
export class DocumentPublishedHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly catalog: DocumentCatalog,
    private readonly layers: DocumentLayers,
    private readonly receipts: DocumentReceiptsRepository,
    private readonly relay: DocumentRelay,
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
      !issuingTiers(definition).includes(issuer.tier) ||
      issuer.code === this.identity.code ||
      !this.topology.isWithin(this.identity.code, issuer.code)
    ) {
      throw new PermanentMessageError(
        `${definition.name} issued by ${JSON.stringify(published.issuer)}: not a ${issuingTiers(definition).join(' or ')} node above this one`,
      );
    }
    const audience = audienceFromWire(published.audience);
    if (!audience) throw new PermanentMessageError(`${definition.name}: the audience names an unknown tier`);

    const incoming = newestPerKey(
      published.items.map((item) => itemFromWire(item, issuer.code, audience, message.occurredAt)),
    );
    for (const version of incoming) checkVersion(definition, version, issuer.tier, this.topology);
    const self = this.topology.get(this.identity.code);
    const applies = inAudience(self, audience, issuer.code);
    const fresh = await this.layers.store(tx, definition, incoming, applies);
    const stale = incoming.length - fresh.length;
    if (stale > 0) this.metrics.received.inc({ document: definition.name, outcome: 'stale' }, stale);
    if (fresh.length === 0) return;

    if (applies) {
      // Every version applied is receipted to its issuer, whether or not it changed what is in force.
      const appliedAt = new Date();
      const own = fresh.map((v) => ({ node: self.code, key: v.key, version: v.version, appliedAt }));
      const recorded = await this.receipts.record(tx, definition.name, issuer.code, own);
      await this.relay.up(tx, definition.name, issuer.code, recorded);
      this.metrics.received.inc({ document: definition.name, outcome: 'applied' }, fresh.length);
    } else {
      this.metrics.received.inc({ document: definition.name, outcome: 'relayed' }, fresh.length);
    }
    await this.relay.down(tx, definition.name, issuer.code, audience, fresh);
  }
}

/** Refuses a version that cannot be applied: a body that does not decode or fails the document's check. */
function checkVersion(
  definition: DocumentDefinition,
  version: StoredVersion,
  issuerTier: NodeTier,
  topology: Topology,
): void {
  const label = `${definition.name}${version.key ? ` ${version.key}` : ''} v${version.version}`;
  if (version.withdrawn) {
    if (issuerTier !== definition.overridableBy) {
      throw new PermanentMessageError(
        `${label}: withdrawn by a ${issuerTier} node, which does not override it`,
      );
    }
    if (version.version < 1n) throw new PermanentMessageError(`${label}: version below 1`);
    return;
  }
  decodeBody(definition, version, topology);
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
