import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { ChurnRisksQuery, UsageInsightsQuery } from './usage-insights.query';
import { UsageInsightsService } from './usage-insights.service';
import { ChurnRiskCustomerView, UsageInsightsView } from './usage-insights.view';

@ApiTags('billing')
@Controller('api/v1')
export class UsageInsightsController {
  constructor(private readonly insights: UsageInsightsService) {}

  @Get('customers/:customerId/usage-insights')
  @Requires('customers:read')
  @ApiOperation({ summary: "A customer's revenue in a month: value class, trailing ARPU and churn risk" })
  @ApiOkResponse({ type: UsageInsightsView })
  forCustomer(
    @Scope() scope: AccessScope,
    @Param('customerId', uuidParam('customerId')) customerId: string,
    @Query() query: UsageInsightsQuery,
  ): Promise<UsageInsightsView> {
    return this.insights.forCustomer(scope, customerId, query);
  }

  @Get('usage-insights/churn-risks')
  @Requires('customers:read')
  @ApiOperation({
    summary: "The city's customers at risk of churn in a month (an account manager: their portfolio)",
  })
  @ApiOkResponse({ type: [ChurnRiskCustomerView] })
  async churnRisks(
    @Scope() scope: AccessScope,
    @Query() query: ChurnRisksQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChurnRiskCustomerView[]> {
    const { items, total } = await this.insights.churnRisks(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
