import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import {
  ADDRESS_MAX,
  CUSTOMER_GRADES,
  type CustomerGrade,
  GRID_CODE,
  MANUAL_CUSTOMER_CLASSES,
  type ManualCustomerClass,
  NAME_MAX,
} from '../domain/customer-vocabulary';
import { CLASS_MESSAGE } from './create-customer.dto';
import { IsCreditCode, IsIndustrySection, NormaliseCode } from './customer-field.validators';

/** Present in the body at all (null included): merge-patch distinguishes absent from null. */
const given =
  (field: string) =>
  (o: object): boolean =>
    (o as Record<string, unknown>)[field] !== undefined;

/** Fields with endpoints of their own; patching them is refused with a pointer there. */
const notPatchable = (field: string, endpoint: string): PropertyDecorator[] => [
  ValidateIf(given(field)),
  Equals(undefined, { message: `${field} cannot be patched; use ${endpoint}` }),
];

function apply(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/**
 * JSON merge-patch (RFC 7396) of a customer: absent fields stay, `null` removes an optional field
 * and is refused for a required one.
 */
export class UpdateCustomerDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @ValidateIf(given('name'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name?: string;

  @ApiPropertyOptional()
  @ValidateIf(given('creditCode'))
  @NormaliseCode()
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional()
  @ValidateIf(given('industry'))
  @IsIndustrySection()
  industry?: string;

  @ApiPropertyOptional({ enum: MANUAL_CUSTOMER_CLASSES, isArray: true })
  @ValidateIf(given('classes'))
  @IsArray()
  @ArrayMaxSize(MANUAL_CUSTOMER_CLASSES.length * 2)
  @IsIn(MANUAL_CUSTOMER_CLASSES, { each: true, message: CLASS_MESSAGE })
  classes?: ManualCustomerClass[];

  @ApiPropertyOptional({ enum: CUSTOMER_GRADES })
  @ValidateIf(given('grade'))
  @IsIn(CUSTOMER_GRADES)
  grade?: CustomerGrade;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @Matches(GRID_CODE, { message: 'gridCode must be 1-32 of A-Z, 0-9 and -' })
  gridCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: ADDRESS_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(ADDRESS_MAX)
  address?: string | null;

  @apply(notPatchable('status', 'POST /api/v1/customers/{id}/status-changes'))
  status?: never;

  @apply(notPatchable('statusReason', 'POST /api/v1/customers/{id}/status-changes'))
  statusReason?: never;

  @apply(notPatchable('managerId', 'PUT /api/v1/customers/{id}/manager'))
  managerId?: never;

  @apply(notPatchable('groupCode', 'PUT or DELETE /api/v1/customers/{id}/group'))
  groupCode?: never;
}
