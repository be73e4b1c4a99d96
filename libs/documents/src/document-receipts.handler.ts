import { Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type DocumentReceiptsReported, DocumentReceiptsReportedSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import { Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DocumentCatalog } from './document-catalog';
import { issuingTiers } from './document-definition';
import { DocumentReceiptsRepository } from './document-receipts.repository';
import { DocumentRelay } from './document-relay';

/**
 * Receipts from a child, for the child itself or its subtree: kept here (highest version per node
 * and key) and passed on towards the issuer, so every node on the way sees its subtree's receipts.
 */
@Injectable()
export class DocumentReceiptsHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly catalog: DocumentCatalog,
    private readonly receipts: DocumentReceiptsRepository,
    private readonly relay: DocumentRelay,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(DocumentReceiptsReportedSchema, 'child', (reported, message, tx) =>
      this.handle(reported, message, tx),
    );
  }

  async handle(
    reported: DocumentReceiptsReported,
    message: InboundMessage,
    tx: EntityManager,
  ): Promise<void> {
    const definition = this.catalog.find(reported.document);
    if (!definition) {
      throw new PermanentMessageError(
        `receipts for ${JSON.stringify(reported.document)}: not a document known here`,
      );
    }
    const issuer = this.topology.find(reported.issuer);
    if (
      !issuer ||
      !issuingTiers(definition).includes(issuer.tier) ||
      issuer.code === message.source ||
      !this.topology.isWithin(message.source, issuer.code)
    ) {
      throw new PermanentMessageError(
        `receipts for ${definition.name} issued by ${JSON.stringify(reported.issuer)}: not a ${issuingTiers(definition).join(' or ')} node above ${message.source}`,
      );
    }
    const foreign = reported.receipts.find((r) => !this.topology.isWithin(r.node, message.source));
    if (foreign) {
      throw new PermanentMessageError(
        `receipt for ${JSON.stringify(foreign.node)} reported by ${message.source}: not a node of its subtree`,
      );
    }
    const receipts = reported.receipts.map((r) => ({
      node: r.node,
      key: r.key,
      version: r.version,
      appliedAt: r.appliedAt ? timestampDate(r.appliedAt) : message.occurredAt,
    }));
    // A repeated or older receipt changed nothing here, and goes no further.
    const changed = await this.receipts.record(tx, reported.document, reported.issuer, receipts);
    await this.relay.up(tx, reported.document, reported.issuer, changed);
  }
}
