import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { AuditTrail } from '@kaf/audit';
import type { Principal } from '@kaf/auth';
import { type DocumentResyncRequest, DocumentResyncRequestSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  NODE_TIERS,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { audienceIn } from './audience';
import { DocumentCatalog } from './document-catalog';
import type { DocumentDefinition } from './document-definition';
import { DocumentRelay } from './document-relay';
import { DocumentVersionsRepository, type StoredVersion } from './document-versions.repository';
import { documentKey } from './document-wire';

export interface ResyncRequested {
  document: string;
  messageId: string;
  sentTo: string;
}

/**
 * Catching up: a node that holds nothing of a document at boot (new node, rebuilt database) asks
 * its parent, and an operator may ask at any time. The parent answers from what it holds; the
 * answer is ordinary publications, so only versions newer than the asker's change anything.
 */
@Injectable()
export class DocumentResync implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(DocumentResync.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: FederatedHandlers,
    private readonly catalog: DocumentCatalog,
    private readonly versions: DocumentVersionsRepository,
    private readonly relay: DocumentRelay,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(DocumentResyncRequestSchema, 'child', (request, message, tx) =>
      this.answer(request, message, tx),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const definition of this.catalog.definitions()) {
      if (!this.receives(definition) || !this.leadsToAudience(definition)) continue;
      if (await this.versions.holdsAny(this.dataSource.manager, definition.name)) continue;
      const { messageId, sentTo } = await this.request(definition.name);
      this.logger.log({
        msg: 'document not held yet: resync requested',
        document: definition.name,
        sentTo,
        messageId,
      });
    }
  }

  /** Asks the parent to send the document again (audited when a person asked). */
  async request(document: string, principal?: Principal): Promise<ResyncRequested> {
    const sentTo = this.identity.parentCode;
    if (!sentTo) throw new Error(`node ${this.identity.code} has no parent to ask for ${document}`);
    return this.dataSource.transaction(async (tx) => {
      const written = await this.outbox.write(tx, {
        schema: DocumentResyncRequestSchema,
        payload: create(DocumentResyncRequestSchema, { document, requestedBy: this.identity.code }),
        target: sentTo,
        key: documentKey(document),
      });
      if (principal) {
        await this.audit.record(tx, principal, {
          action: 'document.resync',
          resourceType: 'document',
          resourceId: document,
          after: { sentTo, messageId: written.id },
        });
      }
      return { document, messageId: written.id, sentTo };
    });
  }

  /** Whether this node or one below it is in the document's default audience (a province without cities is not, for a document meant for cities). */
  private leadsToAudience(definition: DocumentDefinition): boolean {
    const issuer = this.topology
      .nodes()
      .find((n) => n.tier === definition.issuerTier && this.topology.isWithin(this.identity.code, n.code));
    return (
      !!issuer && audienceIn(this.topology, this.identity.code, definition.audience, issuer.code).length > 0
    );
  }

  /** Whether versions of the document come to this node from above (it is below the issuing tier). */
  receives(definition: DocumentDefinition): boolean {
    return NODE_TIERS.indexOf(this.identity.tier) > NODE_TIERS.indexOf(definition.issuerTier);
  }

  private async answer(
    request: DocumentResyncRequest,
    message: InboundMessage,
    tx: EntityManager,
  ): Promise<void> {
    if (request.requestedBy !== message.source) {
      throw new PermanentMessageError(
        `resync of ${request.document} for ${JSON.stringify(request.requestedBy)} asked by ${message.source}: a node asks for itself`,
      );
    }
    if (!this.catalog.find(request.document)) {
      throw new PermanentMessageError(
        `resync of ${JSON.stringify(request.document)}: not a document known here`,
      );
    }
    // Read in the handler's transaction: the answer is a consistent snapshot of what this node holds.
    const held = await this.versions.all(tx, request.document);
    const groups = new Map<string, StoredVersion[]>();
    for (const version of held) {
      if (audienceIn(this.topology, message.source, version.audience, version.issuer).length === 0) continue;
      const group = `${version.issuer}\u0000${JSON.stringify(version.audience)}`;
      const members = groups.get(group);
      if (members) members.push(version);
      else groups.set(group, [version]);
    }
    for (const versions of groups.values()) {
      const { issuer, audience } = versions[0]!;
      await this.relay.down(tx, request.document, issuer, audience, versions, [message.source]);
    }
    this.logger.log({
      msg: 'document resync answered',
      document: request.document,
      to: message.source,
      versions: held.length,
    });
  }
}
