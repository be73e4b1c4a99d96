import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';

export class ListGroupMembersQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: '440300' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'cityCode must be a GB/T 2260 code (6 digits)' })
  cityCode?: string;

  @ApiPropertyOptional({ example: '440000' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'provinceCode must be a GB/T 2260 code (6 digits)' })
  provinceCode?: string;
}
