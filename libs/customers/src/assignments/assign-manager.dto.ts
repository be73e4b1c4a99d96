import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { REASON_MAX } from '../domain/customer-vocabulary';

/** Reassign one customer. */
export class AssignManagerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  managerId!: string;

  @ApiPropertyOptional({ maxLength: REASON_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}

export const TRANSFER_MAX_CUSTOMERS = 10_000;

/** Move a manager's customers (all of them, or those listed) to another manager. */
export class CreatePortfolioTransferDto {
  @ApiProperty({ format: 'uuid', description: 'Current manager (may be inactive: leavers hand over)' })
  @IsUUID()
  fromManagerId!: string;

  @ApiProperty({ format: 'uuid', description: 'Receiving manager; must be active' })
  @IsUUID()
  toManagerId!: string;

  @ApiPropertyOptional({
    type: [String],
    description: "Customers to move; all of fromManagerId's customers when omitted",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TRANSFER_MAX_CUSTOMERS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  customerIds?: string[];

  @ApiPropertyOptional({ maxLength: REASON_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}
