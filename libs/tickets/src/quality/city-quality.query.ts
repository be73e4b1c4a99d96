import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { COMPARISONS, IsCommaList, MonthRangeQuery } from '@kaf/platform';
import { TICKET_SEVERITIES, TICKET_TYPES } from '../tickets/ticket-vocabulary';

/** Dimensions the city's own service quality may group by. */
export const CITY_QUALITY_DIMENSIONS = ['month', 'ticketType', 'severity', 'grade'] as const;
export type CityQualityDimension = (typeof CITY_QUALITY_DIMENSIONS)[number];
const GRADES = ['A', 'B', 'C'] as const;

/** GET /analytics/service-quality at a city: its own figures, as provinces and CN answer theirs. */
export class CityQualityQuery extends MonthRangeQuery {
  @ApiPropertyOptional({
    example: 'month,ticketType',
    description: `Comma list of ${CITY_QUALITY_DIMENSIONS.join('|')}`,
  })
  @IsOptional()
  @IsCommaList(CITY_QUALITY_DIMENSIONS, `one of ${CITY_QUALITY_DIMENSIONS.join(', ')}`)
  groupBy?: string;

  @ApiPropertyOptional({ example: 'fault,complaint', description: `Comma list of ${TICKET_TYPES.join('|')}` })
  @IsOptional()
  @IsCommaList(TICKET_TYPES, `one of ${TICKET_TYPES.join(', ')}`)
  ticketType?: string;

  @ApiPropertyOptional({ example: 'critical', description: `Comma list of ${TICKET_SEVERITIES.join('|')}` })
  @IsOptional()
  @IsCommaList(TICKET_SEVERITIES, `one of ${TICKET_SEVERITIES.join(', ')}`)
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
