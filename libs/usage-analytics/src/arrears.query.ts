import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ARREARS_DIMENSION_NAMES, CUBE_GRADES, CUBE_INDUSTRIES } from './analytics-vocabulary';
import { IsCommaList } from '@kaf/platform';
import { CITY_CODE, MonthRangeQuery, PROVINCE_CODE } from './revenue.query';

/**
 * GET /analytics/arrears: arrears by band over a range of months (default: the current month),
 * grouped and filtered. Positions as of each month's end do not add up over months, so a range of
 * several months is grouped by month.
 */
export class ArrearsQuery extends MonthRangeQuery {
  @ApiPropertyOptional({
    example: 'city,month',
    description: `Comma list of ${ARREARS_DIMENSION_NAMES.join('|')} ("province" at the national node only)`,
  })
  @IsOptional()
  @IsCommaList(ARREARS_DIMENSION_NAMES, `one of ${ARREARS_DIMENSION_NAMES.join(', ')}`)
  groupBy?: string;

  @ApiPropertyOptional({ example: '440000', description: 'Comma list of province codes (national node)' })
  @IsOptional()
  @IsCommaList(PROVINCE_CODE, 'a GB/T 2260 province code')
  provinceCode?: string;

  @ApiPropertyOptional({ example: '440100,440300', description: 'Comma list of city codes' })
  @IsOptional()
  @IsCommaList(CITY_CODE, 'a GB/T 2260 city code')
  cityCode?: string;

  @ApiPropertyOptional({
    example: 'I,J',
    description: 'Comma list of GB/T 4754 sections, "?" = not yet known',
  })
  @IsOptional()
  @IsCommaList(CUBE_INDUSTRIES, 'a GB/T 4754 industry section (A-T) or "?"')
  industry?: string;

  @ApiPropertyOptional({ example: 'A,B', description: 'Comma list of A|B|C|?' })
  @IsOptional()
  @IsCommaList(CUBE_GRADES, `one of ${CUBE_GRADES.join(', ')}`)
  grade?: string;
}
