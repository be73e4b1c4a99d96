import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { CoordinatedFaultTicketView } from './coordinated-fault-ticket.view';
import { CoordinatedFaultsService } from './coordinated-faults.service';
import { ListCoordinatedFaultsQuery } from './list-coordinated-faults.query';

/** Province and national node: fault tickets on the circuits of the orders this node coordinates. */
@ApiTags('one-stop coordination')
@Controller('api/v1/coordinated-faults')
export class CoordinatedFaultsController {
  constructor(private readonly faults: CoordinatedFaultsService) {}

  @Get()
  @Requires('one-stop:read')
  @ApiOperation({ summary: 'Fault tickets on coordinated circuits, most recently changed first' })
  @ApiOkResponse({ type: [CoordinatedFaultTicketView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListCoordinatedFaultsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinatedFaultTicketView[]> {
    const { items, total } = await this.faults.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
