import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { CoordinatedOrderDetailView, CoordinatedOrderView } from './coordinated-order.view';
import { CoordinatedOrdersService } from './coordinated-orders.service';
import { CoordinationActionDto } from './coordination-action.dto';
import { CoordinationActionsService } from './coordination-actions.service';
import { CoordinationActionView } from './coordination-request.view';
import { ListCoordinatedOrdersQuery } from './list-coordinated-orders.query';

/** Province and national node: the one-stop orders this node coordinates (一站业务协调). */
@ApiTags('one-stop coordination')
@Controller('api/v1/coordinated-orders')
export class CoordinatedOrdersController {
  constructor(
    private readonly orders: CoordinatedOrdersService,
    private readonly actions: CoordinationActionsService,
  ) {}

  @Get()
  @Requires('one-stop:read')
  @ApiOperation({ summary: 'Circuit orders this node coordinates, most recently changed first' })
  @ApiOkResponse({ type: [CoordinatedOrderView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListCoordinatedOrdersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CoordinatedOrderView[]> {
    const { items, total } = await this.orders.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':orderId')
  @Requires('one-stop:read')
  @ApiOperation({ summary: 'One coordinated order with its segments, escalations and requests sent' })
  @ApiOkResponse({ type: CoordinatedOrderDetailView })
  get(
    @Scope() scope: AccessScope,
    @Param('orderId', uuidParam('orderId')) orderId: string,
  ): Promise<CoordinatedOrderDetailView> {
    return this.orders.get(scope, orderId);
  }

  @Post(':orderId/segments/:segmentId/redispatch')
  @HttpCode(202)
  @Requires('one-stop:coordinate')
  @ApiOperation({
    summary:
      "Ask the home city to send a segment again (a new attempt) and cancel the stuck one; resolves the segment's escalations",
  })
  @ApiAcceptedResponse({ type: CoordinationActionView })
  redispatch(
    @Scope() scope: AccessScope,
    @Param('orderId', uuidParam('orderId')) orderId: string,
    @Param('segmentId', uuidParam('segmentId')) segmentId: string,
    @Body() dto: CoordinationActionDto,
  ): Promise<CoordinationActionView> {
    return this.actions.redispatch(scope, orderId, segmentId, dto);
  }

  @Post(':orderId/cancel')
  @HttpCode(202)
  @Requires('one-stop:coordinate')
  @ApiOperation({ summary: "Ask the home city to cancel the order; resolves the order's open escalations" })
  @ApiAcceptedResponse({ type: CoordinationActionView })
  cancel(
    @Scope() scope: AccessScope,
    @Param('orderId', uuidParam('orderId')) orderId: string,
    @Body() dto: CoordinationActionDto,
  ): Promise<CoordinationActionView> {
    return this.actions.cancel(scope, orderId, dto);
  }
}
