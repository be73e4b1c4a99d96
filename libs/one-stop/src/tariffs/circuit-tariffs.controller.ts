import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { PageQueryDto, setPageHeaders } from '@kaf/platform';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import { CircuitTariffView } from './circuit-tariff.view';
import { CircuitTariffsService } from './circuit-tariffs.service';
import { PutCircuitTariffDto } from './put-circuit-tariff.dto';

/** The node's circuit tariff: what it charges for the segments it carries. */
@ApiTags('circuit-tariffs')
@Controller('api/v1/circuit-tariffs')
export class CircuitTariffsController {
  constructor(private readonly tariffs: CircuitTariffsService) {}

  @Get()
  @Requires('work-orders:read', 'circuit-orders:read')
  @ApiOperation({ summary: 'The tariff in force at this node for every product that has one' })
  @ApiOkResponse({ type: [CircuitTariffView] })
  async list(
    @Query() query: PageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CircuitTariffView[]> {
    const { items, total } = await this.tariffs.list(query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':product')
  @Requires('work-orders:read', 'circuit-orders:read')
  @ApiParam({ name: 'product', enum: CIRCUIT_PRODUCTS })
  @ApiOperation({ summary: 'The tariff in force at this node for one product' })
  @ApiOkResponse({ type: CircuitTariffView })
  get(@Param('product') product: string): Promise<CircuitTariffView> {
    return this.tariffs.get(product);
  }

  @Put(':product')
  @Requires('circuit-tariffs:write')
  @ApiParam({ name: 'product', enum: CIRCUIT_PRODUCTS })
  @ApiOperation({
    summary: 'Set the tariff of one product at this node (a new version when the terms change)',
  })
  @ApiOkResponse({ type: CircuitTariffView })
  put(
    @Scope() scope: AccessScope,
    @Param('product') product: string,
    @Body() dto: PutCircuitTariffDto,
  ): Promise<CircuitTariffView> {
    return this.tariffs.put(scope, product, dto);
  }
}
