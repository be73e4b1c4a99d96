import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { ListSettlementCircuitsQuery } from './list-settlement-circuits.query';
import { SettlementCircuitDetailView, SettlementCircuitView } from './settlement-circuit.view';
import { SettlementCircuitsService } from './settlement-circuits.service';

/** National node: the circuits it settles, each with every version received. */
@ApiTags('one-stop settlement')
@Controller('api/v1/settlement-circuits')
export class SettlementCircuitsController {
  constructor(private readonly circuits: SettlementCircuitsService) {}

  @Get()
  @Requires('settlements:read')
  @ApiOperation({ summary: 'Settled circuits, most recently changed first' })
  @ApiOkResponse({ type: [SettlementCircuitView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListSettlementCircuitsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SettlementCircuitView[]> {
    const { items, total } = await this.circuits.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':circuitId')
  @Requires('settlements:read')
  @ApiOperation({ summary: 'One settled circuit with its versions (add, changes, cease)' })
  @ApiOkResponse({ type: SettlementCircuitDetailView })
  get(
    @Scope() scope: AccessScope,
    @Param('circuitId', uuidParam('circuitId')) circuitId: string,
  ): Promise<SettlementCircuitDetailView> {
    return this.circuits.get(scope, circuitId);
  }
}
