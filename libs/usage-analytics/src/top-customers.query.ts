import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';
import { BILLING_MONTH_PATTERN } from '@kaf/platform';
import { CUBE_PRODUCTS } from './analytics-vocabulary';
import { IsCommaList } from '@kaf/platform';
import { MONTH_MESSAGE } from '@kaf/platform';

const CITY_CODE = /^\d{4}00$/;
const GROUP_CODE = /^G\d{8}$/;

/** A month (`month`) or a range (`from`/`to`, by default the current month; with `from` only, up to the current month); the range's last month judges value class and churn risk. */
export class MonthOrRangeQuery {
  @ApiPropertyOptional({ example: '2026-05', description: 'One billing month (instead of from/to)' })
  @IsOptional()
  @IsString()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  month?: string;

  @ApiPropertyOptional({ example: '2026-01', description: 'First billing month, inclusive' })
  @IsOptional()
  @IsString()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ example: '2026-05', description: 'Last billing month, inclusive' })
  @IsOptional()
  @IsString()
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  to?: string;
}

export class TopCustomersQuery extends MonthOrRangeQuery {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 20;

  @ApiPropertyOptional({ example: '440300', description: 'Comma list of city codes' })
  @IsOptional()
  @IsCommaList(CITY_CODE, 'a GB/T 2260 city code')
  city?: string;

  @ApiPropertyOptional({ example: 'I', description: 'Comma list of GB/T 4754 sections' })
  @IsOptional()
  @IsCommaList(INDUSTRY_SECTION_CODES, 'a GB/T 4754 industry section (A-T)')
  industry?: string;

  @ApiPropertyOptional({ example: 'sd_wan', description: 'Comma list of products: revenue of those only' })
  @IsOptional()
  @IsCommaList(CUBE_PRODUCTS, `one of ${CUBE_PRODUCTS.join(', ')}`)
  product?: string;
}

export class GroupCustomersQuery extends MonthOrRangeQuery {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;

  @ApiPropertyOptional({ type: Number, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset = 0;

  @ApiPropertyOptional({ example: 'G00000001', description: 'Comma list of group codes' })
  @IsOptional()
  @IsCommaList(GROUP_CODE, 'a group code (G and 8 digits)')
  group?: string;
}
