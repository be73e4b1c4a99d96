import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { DataSource } from 'typeorm';
import { audienceIn } from './audience';
import type {
  DocumentReceiptView,
  HeldDocumentView,
  ListReceiptsQuery,
  ResyncRequestedView,
} from './api/document-views';
import { DocumentCatalog } from './document-catalog';
import { DocumentReceiptsRepository, type ExpectedNodes } from './document-receipts.repository';
import { DocumentResync } from './document-resync';
import { DocumentVersionsRepository } from './document-versions.repository';
import { NotFoundError } from '@kaf/platform';

/** Reads of what this node holds and of the receipts its subtree reported. */
@Injectable()
export class DocumentReceiptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: DocumentCatalog,
    private readonly versions: DocumentVersionsRepository,
    private readonly receipts: DocumentReceiptsRepository,
    private readonly resync: DocumentResync,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async held(scope: AccessScope): Promise<HeldDocumentView[]> {
    const manager = this.dataSource.manager;
    const summaries = await this.versions.summaries(manager);
    const views: HeldDocumentView[] = [];
    for (const s of summaries) {
      const expected = (await this.expected(s.document, scope)).filter((e) => e.issuer === s.issuer);
      const counts = expected.some((e) => e.nodes.length > 0)
        ? await this.receipts.counts(manager, s.document, expected)
        : undefined;
      views.push({
        document: s.document,
        issuer: s.issuer,
        keys: s.keys,
        highestVersion: s.highestVersion.toString(),
        lastStoredAt: s.lastStoredAt.toISOString(),
        expectedReceipts: counts?.expected ?? null,
        upToDate: counts?.upToDate ?? null,
      });
    }
    return views;
  }

  async list(
    document: string,
    query: ListReceiptsQuery,
    scope: AccessScope,
  ): Promise<{ total: number; items: DocumentReceiptView[] }> {
    this.known(document);
    const expected = await this.expected(document, scope);
    const { total, rows } = await this.receipts.list(
      this.dataSource.manager,
      document,
      expected,
      {
        ...(query.key !== undefined ? { key: query.key } : {}),
        ...(query.node ? { node: query.node } : {}),
        behind: query.behind,
      },
      { limit: query.limit, offset: query.offset },
    );
    return {
      total,
      items: rows.map((r) => ({
        node: r.node,
        tier: this.topology.get(r.node).tier,
        key: r.key,
        issuer: r.issuer,
        heldVersion: r.heldVersion.toString(),
        appliedVersion: r.appliedVersion?.toString() ?? null,
        appliedAt: r.appliedAt?.toISOString() ?? null,
        upToDate: r.appliedVersion !== null && r.appliedVersion >= r.heldVersion,
      })),
    };
  }

  async requestResync(document: string, scope: AccessScope): Promise<ResyncRequestedView> {
    const definition = this.known(document);
    if (!this.resync.receives(definition)) {
      throw new NotFoundError(`${document} is issued at this tier: there is no parent to ask`);
    }
    const { messageId, sentTo } = await this.resync.request(document, scope.principal);
    return { document, messageId, sentTo };
  }

  private known(document: string) {
    const definition = this.catalog.find(document);
    if (!definition) throw new NotFoundError(`document ${document} not found`);
    return definition;
  }

  /** Per published audience: the audience nodes of this node's subtree the principal may see. */
  private async expected(document: string, scope: AccessScope): Promise<ExpectedNodes[]> {
    const audiences = await this.versions.audiences(this.dataSource.manager, document);
    return audiences.map((a) => ({
      issuer: a.issuer,
      audienceText: a.text,
      nodes: audienceIn(this.topology, this.identity.code, a.audience, a.issuer)
        .map((n) => n.code)
        .filter((code) => scope.covers(code)),
    }));
  }
}
