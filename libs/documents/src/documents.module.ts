import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { DocumentsController } from './api/documents.controller';
import { DOCUMENT_DEFINITIONS, DocumentCatalog } from './document-catalog';
import type { DocumentDefinition } from './document-definition';
import { DocumentLayers } from './document-layers';
import { DocumentPublishedHandler } from './document-published.handler';
import { DocumentPublisher } from './document.publisher';
import { DocumentReceiptsHandler } from './document-receipts.handler';
import { DocumentReceiptsRepository } from './document-receipts.repository';
import { DocumentReceiptsService } from './document-receipts.service';
import { DocumentRelay } from './document-relay';
import { DocumentReplicas } from './document-replicas';
import { DocumentResync } from './document-resync';
import { DocumentVersionsRepository } from './document-versions.repository';
import { DocumentsMetrics } from './documents.metrics';

/**
 * Documents published downward, at every tier: the issuer's publisher, the replica, relay and
 * receipts below it, resync on boot and on request. Every node knows every document of the
 * federation (a province relays documents meant only for its cities), so the node lists them all
 * in `forRoot`. Global, so a capability injects the publisher, the catalog (for `onChanged`) or
 * the replicas without wiring.
 */
@Global()
@Module({})
export class DocumentsModule {
  static forRoot(documents: readonly DocumentDefinition[]): DynamicModule {
    return {
      module: DocumentsModule,
      imports: [AuditModule],
      controllers: [DocumentsController],
      providers: [
        { provide: DOCUMENT_DEFINITIONS, useValue: documents },
        DocumentCatalog,
        DocumentLayers,
        DocumentPublisher,
        DocumentPublishedHandler,
        DocumentReceiptsHandler,
        DocumentReceiptsRepository,
        DocumentReceiptsService,
        DocumentRelay,
        DocumentReplicas,
        DocumentResync,
        DocumentVersionsRepository,
        DocumentsMetrics,
      ],
      exports: [DocumentCatalog, DocumentPublisher, DocumentReplicas, DocumentResync],
    };
  }
}
