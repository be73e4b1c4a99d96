import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MonthRangeQuery } from '@kaf/platform';
import {
  COMPARISONS,
  CUBE_GRADES,
  CUBE_INDUSTRIES,
  CUBE_PRODUCTS,
  REVENUE_DIMENSION_NAMES,
  REVENUE_SORTS,
  type RevenueSort,
  VALUE_CLASSES,
} from './analytics-vocabulary';
import { IsCommaList } from '@kaf/platform';

export const PROVINCE_CODE = /^\d{2}0000$/;
export const CITY_CODE = /^\d{4}00$/;

/** GET /analytics/revenue: revenue over a range of months, grouped and filtered by cube dimensions. */
export class RevenueQuery extends MonthRangeQuery {
  @ApiPropertyOptional({
    example: 'city,month',
    description: `Comma list of ${REVENUE_DIMENSION_NAMES.join('|')} ("province" at the national node only)`,
  })
  @IsOptional()
  @IsCommaList(REVENUE_DIMENSION_NAMES, `one of ${REVENUE_DIMENSION_NAMES.join(', ')}`)
  groupBy?: string;

  @ApiPropertyOptional({ example: '440000', description: 'Comma list of province codes (national node)' })
  @IsOptional()
  @IsCommaList(PROVINCE_CODE, 'a GB/T 2260 province code')
  province?: string;

  @ApiPropertyOptional({ example: '440100,440300', description: 'Comma list of city codes' })
  @IsOptional()
  @IsCommaList(CITY_CODE, 'a GB/T 2260 city code')
  city?: string;

  @ApiPropertyOptional({
    example: 'I,J',
    description: 'Comma list of GB/T 4754 sections, "?" = not yet known',
  })
  @IsOptional()
  @IsCommaList(CUBE_INDUSTRIES, 'a GB/T 4754 industry section (A-T) or "?"')
  industry?: string;

  @ApiPropertyOptional({ example: 'high_value', description: `Comma list of ${VALUE_CLASSES.join('|')}` })
  @IsOptional()
  @IsCommaList(VALUE_CLASSES, `one of ${VALUE_CLASSES.join(', ')}`)
  valueClass?: string;

  @ApiPropertyOptional({ example: 'A,B', description: 'Comma list of A|B|C|?' })
  @IsOptional()
  @IsCommaList(CUBE_GRADES, `one of ${CUBE_GRADES.join(', ')}`)
  grade?: string;

  @ApiPropertyOptional({ example: 'sd_wan', description: `Comma list of ${CUBE_PRODUCTS.join('|')}` })
  @IsOptional()
  @IsCommaList(CUBE_PRODUCTS, `one of ${CUBE_PRODUCTS.join(', ')}`)
  product?: string;

  @ApiPropertyOptional({
    example: 'mom,yoy',
    description: 'mom: against the previous month (or the preceding range); yoy: 12 months earlier',
  })
  @IsOptional()
  @IsCommaList(COMPARISONS, `one of ${COMPARISONS.join(', ')}`)
  compare?: string;

  @ApiPropertyOptional({ enum: REVENUE_SORTS, description: 'Default: by the grouped dimensions' })
  @IsOptional()
  @IsIn(REVENUE_SORTS)
  sort?: RevenueSort;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 1000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 1000;
}

export { MonthRangeQuery } from '@kaf/platform';
