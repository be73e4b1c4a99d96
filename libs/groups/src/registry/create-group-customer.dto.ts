import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { GROUP_GRADES } from '../group-customer.view';
import { IsCreditCode } from './group-field.validators';

export const INDUSTRY_MESSAGE = 'industry must be a GB/T 4754 section letter (A–T)';
export const NODE_CODE_PATTERN = /^[A-Za-z0-9]{1,16}$/;

/** A new registry entry; the code, status and version are assigned by the national node. */
export class CreateGroupCustomerDto {
  @ApiProperty({ maxLength: 200, example: '中国南方航空集团有限公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '91440000190322180G', description: 'GB 32100 code of the parent company' })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ enum: INDUSTRY_SECTION_CODES, description: 'GB/T 4754 section' })
  @IsIn(INDUSTRY_SECTION_CODES, { message: INDUSTRY_MESSAGE })
  industry!: string;

  @ApiProperty({ enum: GROUP_GRADES })
  @IsIn(GROUP_GRADES)
  grade!: string;

  @ApiPropertyOptional({ example: '440000', default: 'CN', description: 'Node leading the account' })
  @IsOptional()
  @IsString()
  @Matches(NODE_CODE_PATTERN, { message: 'leadNode must be a node code' })
  leadNode?: string;
}
