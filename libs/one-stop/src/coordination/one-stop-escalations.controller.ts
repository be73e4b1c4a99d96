import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { CoordinatedOrdersService } from './coordinated-orders.service';
import { ListEscalationsQuery } from './list-escalations.query';
import { OneStopEscalationView } from './one-stop-escalation.view';

/** Province and national node: SLA escalations raised to this coordinator. */
@ApiTags('one-stop coordination')
@Controller('api/v1/one-stop-escalations')
export class OneStopEscalationsController {
  constructor(private readonly orders: CoordinatedOrdersService) {}

  @Get()
  @Requires('one-stop:read')
  @ApiOperation({ summary: 'SLA escalations, most recent breach first' })
  @ApiOkResponse({ type: [OneStopEscalationView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListEscalationsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OneStopEscalationView[]> {
    const { items, total } = await this.orders.escalations(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
