import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { CircuitQuoteView } from './circuit-quote.view';
import { CircuitQuotesService } from './circuit-quotes.service';
import { ListCircuitQuotesQuery } from './list-circuit-quotes.query';
import { RequestCircuitQuoteDto } from './request-circuit-quote.dto';

/** Home city: quotes before order, combined from the charges every segment node returns. */
@ApiTags('circuit-quotes')
@Controller('api/v1/circuit-quotes')
export class CircuitQuotesController {
  constructor(private readonly quotes: CircuitQuotesService) {}

  @Post()
  @Requires('circuit-orders:write')
  @ApiOperation({
    summary: 'Ask every node that would carry a segment for its charges; the quote fills as they answer',
  })
  @ApiCreatedResponse({ type: CircuitQuoteView })
  request(@Scope() scope: AccessScope, @Body() dto: RequestCircuitQuoteDto): Promise<CircuitQuoteView> {
    return this.quotes.request(scope, dto);
  }

  @Get()
  @Requires('circuit-orders:read')
  @ApiOperation({ summary: 'Circuit quotes, newest first' })
  @ApiOkResponse({ type: [CircuitQuoteView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListCircuitQuotesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CircuitQuoteView[]> {
    const { items, total } = await this.quotes.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':id')
  @Requires('circuit-orders:read')
  @ApiOperation({ summary: 'One circuit quote with every segment node’s answer' })
  @ApiOkResponse({ type: CircuitQuoteView })
  get(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<CircuitQuoteView> {
    return this.quotes.get(scope, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Requires('circuit-orders:write')
  @ApiOperation({ summary: 'The customer accepts a quoted quote that is still valid' })
  @ApiOkResponse({ type: CircuitQuoteView })
  accept(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<CircuitQuoteView> {
    return this.quotes.accept(scope, id);
  }
}
