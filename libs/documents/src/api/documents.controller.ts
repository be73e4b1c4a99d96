import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { DocumentReceiptsService } from '../document-receipts.service';
import {
  DocumentReceiptView,
  HeldDocumentView,
  ListReceiptsQuery,
  ResyncRequestedView,
} from './document-views';

/** Documents published downward: what this node holds, and the receipts of its subtree. */
@ApiTags('documents')
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(private readonly receipts: DocumentReceiptsService) {}

  @Get()
  @Requires('federation:read')
  @ApiOperation({ summary: 'Every document this node holds, with how many of its subtree have applied it' })
  @ApiOkResponse({ type: [HeldDocumentView] })
  held(@Scope() scope: AccessScope): Promise<HeldDocumentView[]> {
    return this.receipts.held(scope);
  }

  @Get(':document/receipts')
  @Requires('federation:read')
  @ApiOperation({
    summary:
      'Per node of this subtree (and key): the version held here against the version the node applied, and when',
  })
  @ApiOkResponse({ type: [DocumentReceiptView] })
  async list(
    @Param('document') document: string,
    @Query() query: ListReceiptsQuery,
    @Scope() scope: AccessScope,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DocumentReceiptView[]> {
    const { total, items } = await this.receipts.list(document, query, scope);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Post(':document/resync')
  @HttpCode(202)
  @Requires('federation:operate')
  @ApiOperation({ summary: 'Ask the parent to send every version of the document meant for this node again' })
  @ApiAcceptedResponse({ type: ResyncRequestedView })
  requestResync(
    @Param('document') document: string,
    @Scope() scope: AccessScope,
  ): Promise<ResyncRequestedView> {
    return this.receipts.requestResync(document, scope);
  }
}
