import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { ServiceQualityAnalyticsService } from './service-quality-analytics.service';
import { ServiceQualityQuery } from './service-quality.query';
import { ServiceQualityReportView } from './service-quality.view';

/** Service quality over the node's subtree, as its cities reported it (ADR 0048). */
@ApiTags('analytics')
@Controller('api/v1/analytics')
export class ServiceQualityAnalyticsController {
  constructor(private readonly quality: ServiceQualityAnalyticsService) {}

  @Get('service-quality')
  @Requires('analytics:read')
  @ApiOperation({
    summary:
      'Tickets, SLA compliance, time to restore, escalations, return visits, satisfaction and complaints per 100 customers, grouped and filtered by province, city, month, ticket type, severity and grade',
  })
  @ApiOkResponse({ type: ServiceQualityReportView })
  report(
    @Scope() scope: AccessScope,
    @Query() query: ServiceQualityQuery,
  ): Promise<ServiceQualityReportView> {
    return this.quality.report(scope, query);
  }
}
