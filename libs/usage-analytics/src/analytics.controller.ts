import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { ArrearsQuery } from './arrears.query';
import { ArrearsService } from './arrears.service';
import { ArrearsReportView } from './arrears.view';
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
    private readonly arrears: ArrearsService,
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

  @Get('arrears')
  @Requires('analytics:read')
  @ApiOperation({
    summary:
      'Arrears by band (as of each month end; the current month as of today), grouped and filtered by province, city, industry, grade and month',
  })
  @ApiOkResponse({ type: ArrearsReportView })
  arrearsReport(@Scope() scope: AccessScope, @Query() query: ArrearsQuery): Promise<ArrearsReportView> {
    return this.arrears.report(scope, query);
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
