import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DocumentReceiptSchema, DocumentReceiptsReportedSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { relayTargets } from './audience';
import type { Audience } from './document-definition';
import type { Receipt } from './document-receipts.repository';
import type { StoredVersion } from './document-versions.repository';
import { documentKey, publications } from './document-wire';

/** Sends versions down to the children that lead to audience nodes, and receipts up to the parent. */
@Injectable()
export class DocumentRelay {
  constructor(
    private readonly outbox: OutboxWriter,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  /** Versions of one issuer and audience, to every child whose subtree holds an audience node. */
  async down(
    tx: EntityManager,
    document: string,
    issuer: string,
    audience: Audience,
    versions: readonly StoredVersion[],
    targets: readonly string[] = relayTargets(this.topology, this.identity.code, audience, issuer),
  ): Promise<void> {
    if (versions.length === 0) return;
    const messages = targets.flatMap((target) => publications(document, issuer, audience, versions, target));
    if (messages.length > 0) await this.outbox.writeMany(tx, messages);
  }

  /** Receipts towards the issuer; the issuer itself keeps them. */
  async up(tx: EntityManager, document: string, issuer: string, receipts: readonly Receipt[]): Promise<void> {
    const parent = this.identity.parentCode;
    if (receipts.length === 0 || this.identity.code === issuer || !parent) return;
    await this.outbox.write(tx, {
      schema: DocumentReceiptsReportedSchema,
      payload: create(DocumentReceiptsReportedSchema, {
        document,
        issuer,
        receipts: receipts.map((r) =>
          create(DocumentReceiptSchema, {
            node: r.node,
            key: r.key,
            version: r.version,
            appliedAt: timestampFromDate(r.appliedAt),
          }),
        ),
      }),
      target: parent,
      key: documentKey(document),
    });
  }
}
