import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { PageQueryDto, setPageHeaders, uuidParam } from '@kaf/platform';
import { CircuitOrderLifecycleService } from './circuit-order-lifecycle.service';
import { CircuitOrderQueries } from './circuit-order.queries';
import { CircuitOrderStateChangeView } from './circuit-order-state-change.view';
import { CircuitOrderSummaryView, CircuitOrderView } from './circuit-order.view';
import { CreateCircuitOrderDto } from './create-circuit-order.dto';
import { CreateCircuitOrderService } from './create-circuit-order.service';
import { ListCircuitOrdersQuery } from './list-circuit-orders.query';
import { OrderReasonDto } from './order-reason.dto';

@ApiTags('circuit-orders')
@Controller('api/v1/circuit-orders')
export class CircuitOrdersController {
  constructor(
    private readonly creation: CreateCircuitOrderService,
    private readonly queries: CircuitOrderQueries,
    private readonly lifecycle: CircuitOrderLifecycleService,
  ) {}

  @Post()
  @Requires('circuit-orders:write')
  @ApiOperation({
    summary: 'Take a one-stop circuit order for a customer of this city and dispatch its segments',
    description:
      'A repeated request with the same externalId and body answers 200 with the order created first.',
  })
  @ApiCreatedResponse({ type: CircuitOrderView })
  @ApiOkResponse({ type: CircuitOrderView, description: 'The order an earlier identical request created' })
  async create(
    @Scope() scope: AccessScope,
    @Body() dto: CreateCircuitOrderDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CircuitOrderView> {
    const { view, created } = await this.creation.execute(scope, dto);
    if (!created) void reply.status(200);
    return view;
  }

  @Get()
  @Requires('circuit-orders:read')
  @ApiOperation({ summary: 'Circuit orders of this city, newest first' })
  @ApiOkResponse({ type: [CircuitOrderSummaryView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListCircuitOrdersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CircuitOrderSummaryView[]> {
    const { items, total } = await this.queries.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':id')
  @Requires('circuit-orders:read')
  @ApiOperation({ summary: 'One circuit order with its segments and escalations' })
  @ApiOkResponse({ type: CircuitOrderView })
  get(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<CircuitOrderView> {
    return this.queries.get(scope, id);
  }

  @Get(':id/state-changes')
  @Requires('circuit-orders:read')
  @ApiOperation({ summary: 'History of the order and of its segments, oldest first' })
  @ApiOkResponse({ type: [CircuitOrderStateChangeView] })
  async stateChanges(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() page: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CircuitOrderStateChangeView[]> {
    const { items, total } = await this.queries.stateChanges(scope, id, page);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Requires('circuit-orders:write')
  @ApiOperation({ summary: 'Cancel the order: every open segment is cancelled at its node' })
  @ApiOkResponse({ type: CircuitOrderView })
  cancel(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: OrderReasonDto,
  ): Promise<CircuitOrderView> {
    return this.lifecycle.cancel(scope, id, dto.reason);
  }

  @Post(':id/hold')
  @HttpCode(200)
  @Requires('circuit-orders:write')
  @ApiOperation({ summary: 'Put the order on hold: SLA breaches wait until it is resumed' })
  @ApiOkResponse({ type: CircuitOrderView })
  hold(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: OrderReasonDto,
  ): Promise<CircuitOrderView> {
    return this.lifecycle.hold(scope, id, dto.reason);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Requires('circuit-orders:write')
  @ApiOperation({ summary: "Resume a held order; open segments' deadlines move on by the time held" })
  @ApiOkResponse({ type: CircuitOrderView })
  resume(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<CircuitOrderView> {
    return this.lifecycle.resume(scope, id);
  }
}
