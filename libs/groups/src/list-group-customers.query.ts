import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, MaxLength } from 'class-validator';
import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';
import { PageQueryDto } from '@kaf/platform';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { GROUP_GRADES, GROUP_STATUSES } from './group-customer.view';

/** Filters of the registry list, the same at the national node and at a city's replica. */
export class ListGroupCustomersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: GROUP_STATUSES })
  @IsOptional()
  @IsIn(GROUP_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: INDUSTRY_SECTION_CODES })
  @IsOptional()
  @IsIn(INDUSTRY_SECTION_CODES, { message: 'industry must be a GB/T 4754 section letter (A–T)' })
  industry?: string;

  @ApiPropertyOptional({ enum: GROUP_GRADES })
  @IsOptional()
  @IsIn(GROUP_GRADES)
  grade?: string;

  @ApiPropertyOptional({ description: 'Part of the name, the group code or the credit code' })
  @IsOptional()
  @MaxLength(200)
  q?: string;
}

/** Applies the list filters to a query over the registry or the replica (same column names). */
export function applyGroupFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: ListGroupCustomersQuery,
): SelectQueryBuilder<T> {
  if (query.status) qb.andWhere(`${alias}.status = :status`, { status: query.status });
  if (query.industry) qb.andWhere(`${alias}.industry = :industry`, { industry: query.industry });
  if (query.grade) qb.andWhere(`${alias}.grade = :grade`, { grade: query.grade });
  if (query.q) {
    // The search text is matched literally: % and _ typed by the user are not wildcards.
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    qb.andWhere(
      `(${alias}.name ILIKE :like OR ${alias}.group_code ILIKE :like OR ${alias}.credit_code ILIKE :like)`,
      { like },
    );
  }
  return qb.orderBy(`${alias}.group_code`, 'ASC').take(query.limit).skip(query.offset);
}
