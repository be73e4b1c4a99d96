import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
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
import { IsCreditCode, IsIndustrySection, NormaliseCode } from './customer-field.validators';

const CLASS_MESSAGE = `each value in classes must be one of ${MANUAL_CUSTOMER_CLASSES.join(', ')} (group_member follows group membership)`;

/** A new enterprise customer. It starts as a prospect; city and owner come from the token. */
export class CreateCustomerDto {
  @ApiProperty({ maxLength: NAME_MAX, example: '深圳市某某科技有限公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiProperty({ description: 'Unified social credit code (GB 32100)', example: '91440300MA5FXXXX0X' })
  @NormaliseCode()
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ description: 'GB/T 4754 section letter', example: 'I' })
  @IsIndustrySection()
  industry!: string;

  @ApiPropertyOptional({ enum: MANUAL_CUSTOMER_CLASSES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MANUAL_CUSTOMER_CLASSES.length * 2)
  @IsIn(MANUAL_CUSTOMER_CLASSES, { each: true, message: CLASS_MESSAGE })
  classes?: ManualCustomerClass[];

  @ApiProperty({ enum: CUSTOMER_GRADES })
  @IsIn(CUSTOMER_GRADES)
  grade!: CustomerGrade;

  @ApiPropertyOptional({ example: 'SZ-NS-001' })
  @IsOptional()
  @IsString()
  @Matches(GRID_CODE, { message: 'gridCode must be 1-32 of A-Z, 0-9 and -' })
  gridCode?: string;

  @ApiPropertyOptional({ maxLength: ADDRESS_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(ADDRESS_MAX)
  address?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "Account manager; an account manager's own customers are always theirs",
  })
  @IsOptional()
  @IsUUID()
  managerId?: string;
}

export { CLASS_MESSAGE };
