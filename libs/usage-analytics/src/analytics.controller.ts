import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { ReportingStateService } from './reporting-state.service';
import { CompletenessView, FreshnessView } from './reporting-state.view';
import { MonthRangeQuery, RevenueQuery } from './revenue.query';
import { RevenueService } from './revenue.service';
import { RevenueReportView } from './revenue.view';

/** Analytics both tiers above the city serve over their own subtree's cube. */
@ApiTags('analytics')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(
    private readonly revenue: RevenueService,
    private readonly reporting: ReportingStateService,
  ) {}

  @Get('revenue')
  @Requires('analytics:read')
  @ApiOperation({
    summary:
      'Revenue, events, customer-months and ARPU over a range of months, grouped and filtered by cube dimensions',
  })
  @ApiOkResponse({ type: RevenueReportView })
  revenueReport(@Scope() scope: AccessScope, @Query() query: RevenueQuery): Promise<RevenueReportView> {
    return this.revenue.report(scope, query);
  }

  @Get('completeness')
  @Requires('analytics:read')
  @ApiOperation({ summary: 'Per month and child node: reported or missing, on time or late' })
  @ApiOkResponse({ type: CompletenessView })
  completeness(@Scope() scope: AccessScope, @Query() query: MonthRangeQuery): Promise<CompletenessView> {
    return this.reporting.completeness(scope, query);
  }

  @Get('freshness')
  @Requires('analytics:read')
  @ApiOperation({ summary: 'Per child node: the newest change included and the last report, with their age' })
  @ApiOkResponse({ type: FreshnessView })
  freshness(@Scope() scope: AccessScope): Promise<FreshnessView> {
    return this.reporting.freshness(scope);
  }
}
