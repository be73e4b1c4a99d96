import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { AccessScope } from '@kaf/auth';
import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';
import { PageQueryDto } from '@kaf/platform';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  CUSTOMER_CLASSES,
  CUSTOMER_GRADES,
  CUSTOMER_STATUSES,
  type CustomerClass,
  type CustomerGrade,
  type CustomerStatus,
  GRID_CODE,
} from '../domain/customer-vocabulary';

/** Filters of a customer list or export. Every filter narrows (AND). */
export class CustomerFilterQuery {
  @ApiPropertyOptional({ enum: INDUSTRY_SECTION_CODES, description: 'GB/T 4754 section letter' })
  @IsOptional()
  @IsIn(INDUSTRY_SECTION_CODES)
  industry?: string;

  @ApiPropertyOptional({ enum: CUSTOMER_GRADES })
  @IsOptional()
  @IsIn(CUSTOMER_GRADES)
  grade?: CustomerGrade;

  @ApiPropertyOptional({ enum: CUSTOMER_CLASSES, description: 'Customers carrying this class' })
  @IsOptional()
  @IsIn(CUSTOMER_CLASSES)
  class?: CustomerClass;

  @ApiPropertyOptional({ enum: CUSTOMER_STATUSES })
  @IsOptional()
  @IsIn(CUSTOMER_STATUSES)
  status?: CustomerStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  groupCode?: string;

  @ApiPropertyOptional({ example: 'SZ-NS-001' })
  @IsOptional()
  @Matches(GRID_CODE, { message: 'gridCode must be 1-32 of A-Z, 0-9 and -' })
  gridCode?: string;

  @ApiPropertyOptional({ description: 'Part of the name or of the credit code' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** A page of customers: filters, paging, `sort` and `fields`. */
export class ListCustomersQuery extends IntersectionType(PageQueryDto, CustomerFilterQuery) {
  @ApiPropertyOptional({
    description: 'Comma list of name, createdAt, updatedAt, grade; prefix - for descending',
    example: '-createdAt',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma list of the response fields to return (id always)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  fields?: string;
}

/**
 * Restricts a query on customers (alias `c`) to what the scope reaches: the principal's cities,
 * and for portfolio reach, the customers assigned to the caller.
 */
export function applyCustomerScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: AccessScope,
): SelectQueryBuilder<T> {
  const cities = scope.cityCodes();
  if (cities.length === 0) return qb.andWhere('1 = 0');
  qb.andWhere('c.cityCode IN (:...scopeCities)', { scopeCities: [...cities] });
  const staffId = scope.portfolioOf;
  if (staffId !== undefined) qb.andWhere('c.managerStaffId = :scopeStaffId', { scopeStaffId: staffId });
  return qb;
}

/** Scope plus filters, for the city's customer table (alias `c`): lists and exports. */
export function applyCustomerFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  scope: AccessScope,
  filters: CustomerFilterQuery,
): SelectQueryBuilder<T> {
  return applyListFilters(applyCustomerScope(qb, scope), filters);
}

/**
 * The filters alone, on alias `c`. The province's reported customers share the property names,
 * so the same function serves both tiers.
 */
export function applyListFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  filters: CustomerFilterQuery,
): SelectQueryBuilder<T> {
  if (filters.industry) qb.andWhere('c.industry = :industry', { industry: filters.industry });
  if (filters.grade) qb.andWhere('c.grade = :grade', { grade: filters.grade });
  if (filters.class) qb.andWhere(':cls = ANY(c.classes)', { cls: filters.class });
  if (filters.status) qb.andWhere('c.status = :status', { status: filters.status });
  if (filters.managerId) qb.andWhere('c.managerId = :managerId', { managerId: filters.managerId });
  if (filters.groupCode) qb.andWhere('c.groupCode = :groupCode', { groupCode: filters.groupCode });
  if (filters.gridCode) qb.andWhere('c.gridCode = :gridCode', { gridCode: filters.gridCode });
  if (filters.q) {
    qb.andWhere('(c.name ILIKE :q OR c.creditCode ILIKE :q)', { q: `%${escapeLike(filters.q)}%` });
  }
  return qb;
}

/** Makes user text match literally inside a LIKE pattern (PostgreSQL's default escape is \). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
