import { ApiPropertyOptional } from '@nestjs/swagger';
import { INDUSTRY_SECTION_CODES } from '@kaf/business-codes';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { GROUP_GRADES, GROUP_STATUSES } from '../group-customer.view';
import { INDUSTRY_MESSAGE, NODE_CODE_PATTERN } from './create-group-customer.dto';
import { PatchOptional } from './group-field.validators';

/**
 * Merge-patch of a registry entry. The credit code identifies the parent company and never
 * changes; dissolving a group is `{"status": "dissolved"}`.
 */
export class UpdateGroupCustomerDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @PatchOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: INDUSTRY_SECTION_CODES })
  @PatchOptional()
  @IsIn(INDUSTRY_SECTION_CODES, { message: INDUSTRY_MESSAGE })
  industry?: string;

  @ApiPropertyOptional({ enum: GROUP_GRADES })
  @PatchOptional()
  @IsIn(GROUP_GRADES)
  grade?: string;

  @ApiPropertyOptional({ example: '440000' })
  @PatchOptional()
  @IsString()
  @Matches(NODE_CODE_PATTERN, { message: 'leadNode must be a node code' })
  leadNode?: string;

  @ApiPropertyOptional({ enum: GROUP_STATUSES })
  @PatchOptional()
  @IsIn(GROUP_STATUSES)
  status?: string;
}
