import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateBy } from 'class-validator';
import { BILLING_MONTH_PATTERN } from '@kaf/platform';
import { MONTH_MESSAGE } from './start-settlement-run.dto';

export const SETTLEMENT_DIMENSIONS = ['region', 'month', 'product', 'role'] as const;
export type SettlementDimension = (typeof SETTLEMENT_DIMENSIONS)[number];

/** Splits a comma list from a query string (`a,b`), dropping surrounding spaces. */
export function splitList(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((v) => v.trim());
}

/** A comma list of dimensions, each known and named once. */
function IsDimensionList(): PropertyDecorator {
  const known = (item: string) => (SETTLEMENT_DIMENSIONS as readonly string[]).includes(item);
  return ValidateBy({
    name: 'isDimensionList',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || value.length === 0) return false;
        const items = splitList(value);
        return items.every(known) && new Set(items).size === items.length;
      },
      defaultMessage: () =>
        `$property must be a comma-separated list of ${SETTLEMENT_DIMENSIONS.join(', ')}, each once`,
    },
  });
}

/** GET /analytics/one-stop-settlement: settled amounts over a range of months, grouped. */
export class OneStopSettlementQuery {
  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First billing month, inclusive; default: 11 months before to',
  })
  @IsOptional()
  @IsString({ message: MONTH_MESSAGE })
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-06',
    description: 'Last billing month, inclusive; default: the current month',
  })
  @IsOptional()
  @IsString({ message: MONTH_MESSAGE })
  @Matches(BILLING_MONTH_PATTERN, { message: MONTH_MESSAGE })
  to?: string;

  @ApiPropertyOptional({
    example: 'region,month',
    description: `Comma list of ${SETTLEMENT_DIMENSIONS.join('|')}; default: region`,
  })
  @IsOptional()
  @IsDimensionList()
  groupBy?: string;
}
