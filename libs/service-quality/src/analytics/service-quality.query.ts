import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { COMPARISONS, IsCommaList, MonthRangeQuery } from '@kaf/platform';
import { CITY_CODE, PROVINCE_CODE } from '@kaf/usage-analytics';
import {
  GRADES,
  SERVICE_QUALITY_DIMENSION_NAMES,
  SEVERITIES,
  TICKET_TYPES,
} from './service-quality.vocabulary';

/** GET /analytics/service-quality: the figures over a range of months, grouped and filtered. */
export class ServiceQualityQuery extends MonthRangeQuery {
  @ApiPropertyOptional({
    example: 'city,month',
    description: `Comma list of ${SERVICE_QUALITY_DIMENSION_NAMES.join('|')} ("province" at the national node only)`,
  })
  @IsOptional()
  @IsCommaList(SERVICE_QUALITY_DIMENSION_NAMES, `one of ${SERVICE_QUALITY_DIMENSION_NAMES.join(', ')}`)
  groupBy?: string;

  @ApiPropertyOptional({ example: '440000', description: 'Comma list of province codes (national node)' })
  @IsOptional()
  @IsCommaList(PROVINCE_CODE, 'a GB/T 2260 province code')
  province?: string;

  @ApiPropertyOptional({ example: '440100,440300', description: 'Comma list of city codes' })
  @IsOptional()
  @IsCommaList(CITY_CODE, 'a GB/T 2260 city code')
  city?: string;

  @ApiPropertyOptional({ example: 'fault,complaint', description: `Comma list of ${TICKET_TYPES.join('|')}` })
  @IsOptional()
  @IsCommaList(TICKET_TYPES, `one of ${TICKET_TYPES.join(', ')}`)
  ticketType?: string;

  @ApiPropertyOptional({ example: 'critical', description: `Comma list of ${SEVERITIES.join('|')}` })
  @IsOptional()
  @IsCommaList(SEVERITIES, `one of ${SEVERITIES.join(', ')}`)
  severity?: string;

  @ApiPropertyOptional({ example: 'A', description: `Comma list of ${GRADES.join('|')}` })
  @IsOptional()
  @IsCommaList(GRADES, `one of ${GRADES.join(', ')}`)
  grade?: string;

  @ApiPropertyOptional({
    example: 'mom,yoy',
    description: 'mom: against the previous month (or the preceding range); yoy: 12 months earlier',
  })
  @IsOptional()
  @IsCommaList(COMPARISONS, `one of ${COMPARISONS.join(', ')}`)
  compare?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 1000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 1000;
}
