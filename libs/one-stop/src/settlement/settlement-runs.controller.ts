import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { ListSettlementRunsQuery } from './list-settlement-runs.query';
import { SettlementRunView } from './settlement-run.view';
import { SettlementRunsService } from './settlement-runs.service';
import { StartSettlementRunDto } from './start-settlement-run.dto';

/** National node: monthly one-stop settlement runs (一站业务结算). */
@ApiTags('one-stop settlement')
@Controller('api/v1/settlement-runs')
export class SettlementRunsController {
  constructor(private readonly runs: SettlementRunsService) {}

  @Post()
  @Requires('settlements:run')
  @ApiOperation({
    summary:
      'Settle a billing month by days in service: charges for circuits not yet booked for it, corrections for those whose versions changed since',
  })
  @ApiCreatedResponse({ type: SettlementRunView })
  start(@Scope() scope: AccessScope, @Body() dto: StartSettlementRunDto): Promise<SettlementRunView> {
    return this.runs.start(dto.billingMonth, 'manual', scope.principal);
  }

  @Get()
  @Requires('settlements:read')
  @ApiOperation({ summary: 'Settlement runs, newest first' })
  @ApiOkResponse({ type: [SettlementRunView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListSettlementRunsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettlementRunView[]> {
    const { items, total } = await this.runs.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':id')
  @Requires('settlements:read')
  @ApiOperation({ summary: 'One settlement run with what it settled' })
  @ApiOkResponse({ type: SettlementRunView })
  get(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<SettlementRunView> {
    return this.runs.get(scope, id);
  }
}
