import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Make the customer a member of a national group customer (集团客户). */
export class SetCustomerGroupDto {
  @ApiProperty({ description: 'Code of an active group in the national registry' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  groupCode!: string;
}
