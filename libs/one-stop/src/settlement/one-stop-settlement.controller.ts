import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { OneStopSettlementQuery } from './one-stop-settlement.query';
import { OneStopSettlementService } from './one-stop-settlement.service';
import { OneStopSettlementReportView } from './one-stop-settlement.view';

/** National node: settled one-stop revenue by region (a province's staff see their own). */
@ApiTags('analytics')
@Controller('api/v1/analytics')
export class OneStopSettlementController {
  constructor(private readonly settlement: OneStopSettlementService) {}

  @Get('one-stop-settlement')
  @Requires('settlements:read')
  @ApiOperation({
    summary: 'Settled one-stop circuit revenue over a range of months, by region, month, product or role',
  })
  @ApiOkResponse({ type: OneStopSettlementReportView })
  report(
    @Scope() scope: AccessScope,
    @Query() query: OneStopSettlementQuery,
  ): Promise<OneStopSettlementReportView> {
    return this.settlement.report(scope, query);
  }
}
