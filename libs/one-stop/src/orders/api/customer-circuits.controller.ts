import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { PageQueryDto, setPageHeaders, uuidParam } from '@kaf/platform';
import { CircuitOrderQueries } from './circuit-order.queries';
import { CustomerCircuitView } from './customer-circuit.view';

@ApiTags('circuit-orders')
@Controller('api/v1/customers')
export class CustomerCircuitsController {
  constructor(private readonly queries: CircuitOrderQueries) {}

  @Get(':id/circuits')
  @Requires('circuit-orders:read')
  @ApiOperation({
    summary: "The customer's circuits in service, from completed one-stop orders, newest first",
  })
  @ApiOkResponse({ type: [CustomerCircuitView] })
  async list(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() page: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerCircuitView[]> {
    const { items, total } = await this.queries.customerCircuits(scope, id, page);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
