import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { ListWorkOrdersQuery } from './list-work-orders.query';
import {
  AcceptWorkOrderDto,
  CompleteWorkOrderDto,
  FaultCheckAnswerDto,
  WorkOrderReasonDto,
} from './work-order-transition.dto';
import { WorkOrderDetailView, WorkOrderView } from './work-order.view';
import { WorkOrdersService } from './work-orders.service';

const CONFLICT = 'The work order is not in a state this action applies to; the problem names its state';

/** Segments of circuit orders this node carries, as its provisioning staff work them. */
@ApiTags('work-orders')
@Controller('api/v1/work-orders')
export class WorkOrdersController {
  constructor(private readonly workOrders: WorkOrdersService) {}

  @Get()
  @Requires('work-orders:read')
  @ApiOperation({ summary: 'Work orders of this node, newest first' })
  @ApiOkResponse({ type: [WorkOrderView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListWorkOrdersQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WorkOrderView[]> {
    const { items, total } = await this.workOrders.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':id')
  @Requires('work-orders:read')
  @ApiOperation({ summary: 'One work order with its state history' })
  @ApiOkResponse({ type: WorkOrderDetailView })
  get(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<WorkOrderDetailView> {
    return this.workOrders.get(scope, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({
    summary: 'Resources checked and reserved: acknowledged → accepted, with the expected completion date',
  })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  accept(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: AcceptWorkOrderDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.act(scope, id, 'accept', {
      outcome: { expectedCompletionDate: dto.expectedCompletionDate },
    });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({
    summary: 'The resource check failed: acknowledged → rejected, with the reason (the order fails)',
  })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  reject(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: WorkOrderReasonDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.act(scope, id, 'reject', { reason: dto.reason });
  }

  @Post(':id/start')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({ summary: 'Work begins: accepted → inProgress' })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  start(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<WorkOrderView> {
    return this.workOrders.act(scope, id, 'start');
  }

  @Post(':id/pending')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({
    summary: 'Waiting on the customer (site access, power): inProgress → pending, with the reason',
  })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  pending(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: WorkOrderReasonDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.act(scope, id, 'pending', { reason: dto.reason });
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({ summary: 'Work resumes: pending → inProgress' })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  resume(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<WorkOrderView> {
    return this.workOrders.act(scope, id, 'resume');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({
    summary: 'Segment built and tested: inProgress → done, with the circuit id and hand-over details',
  })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  complete(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CompleteWorkOrderDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.act(scope, id, 'complete', {
      outcome: { circuitId: dto.circuitId, handover: dto.handover?.trim() || null },
    });
  }

  @Post(':id/fail')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({
    summary: 'The work cannot be finished: accepted | inProgress | pending → failed, with the reason',
  })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  fail(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: WorkOrderReasonDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.act(scope, id, 'fail', { reason: dto.reason });
  }

  @Post(':id/found')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({
    summary: 'Fault check: the fault is on this segment, repair under way: acknowledged → inProgress',
  })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  found(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: FaultCheckAnswerDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.answer(scope, id, 'found', dto.note);
  }

  @Post(':id/not-found')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({ summary: 'Fault check: no fault on this segment: acknowledged → done (notFound)' })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  notFound(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: FaultCheckAnswerDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.answer(scope, id, 'notFound', dto.note);
  }

  @Post(':id/restored')
  @HttpCode(200)
  @Requires('work-orders:operate')
  @ApiOperation({ summary: 'Fault check: the fault found here is repaired: inProgress → done (restored)' })
  @ApiOkResponse({ type: WorkOrderView })
  @ApiConflictResponse({ description: CONFLICT })
  restored(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: FaultCheckAnswerDto,
  ): Promise<WorkOrderView> {
    return this.workOrders.answer(scope, id, 'restored', dto.note);
  }
}
