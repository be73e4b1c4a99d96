import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Requires } from '@kaf/auth';
import { CityQualityQuery } from './city-quality.query';
import { type CityQualityReport, CityQualityService } from './city-quality.service';

/** The city's own service quality (ADR 0048): what it reports upward, computed now. */
@ApiTags('analytics')
@Controller('api/v1/analytics')
export class CityQualityController {
  constructor(private readonly quality: CityQualityService) {}

  @Get('service-quality')
  @Requires('service-quality:read')
  @ApiOperation({
    summary:
      "The city's tickets, SLA compliance, time to restore, escalations, return visits, satisfaction and complaints per 100 customers, grouped and filtered by month, ticket type, severity and grade",
  })
  @ApiOkResponse({
    description: 'As at provinces and CN: rows, rowCount and totals of the figures and ratios',
  })
  report(@Query() query: CityQualityQuery): Promise<CityQualityReport> {
    return this.quality.report(query);
  }
}
