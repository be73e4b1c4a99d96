import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { PageQueryDto, setPageHeaders, uuidParam } from '@kaf/platform';
import { CIRCUIT_STATES, type CircuitState } from '../domain/circuit-actions';
import { CustomerCircuits } from './customer-circuits';
import { CustomerCircuitView, toCustomerCircuitView } from './customer-circuit.view';

class ListCustomerCircuitsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: CIRCUIT_STATES })
  @IsOptional()
  @IsIn(CIRCUIT_STATES, { message: `state must be one of ${CIRCUIT_STATES.join(', ')}` })
  state?: CircuitState;
}

@ApiTags('circuit-orders')
@Controller('api/v1/customers')
export class CustomerCircuitsController {
  constructor(
    private readonly circuits: CustomerCircuits,
    private readonly dataSource: DataSource,
  ) {}

  @Get(':id/circuits')
  @Requires('circuit-orders:read')
  @ApiOperation({
    summary: "The customer's one-stop circuits (in service and ceased), newest first; `state` filters",
  })
  @ApiOkResponse({ type: [CustomerCircuitView] })
  async list(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: ListCustomerCircuitsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerCircuitView[]> {
    const { items, total } = await this.circuits.list(scope, id, query);
    setPageHeaders(reply, total, items.length);
    return items.map((row) => toCustomerCircuitView(row));
  }

  @Get(':id/circuits/:circuitId')
  @Requires('circuit-orders:read')
  @ApiOperation({ summary: 'One circuit of the customer with its history of versions, oldest first' })
  @ApiOkResponse({ type: CustomerCircuitView })
  async get(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('circuitId', uuidParam('circuitId')) circuitId: string,
  ): Promise<CustomerCircuitView> {
    const manager = this.dataSource.manager;
    const circuit = await this.circuits.require(manager, scope, id, circuitId);
    return toCustomerCircuitView(circuit, await this.circuits.versions(manager, circuitId));
  }
}
