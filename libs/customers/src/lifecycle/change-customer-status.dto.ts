import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CUSTOMER_STATUSES, type CustomerStatus, REASON_MAX } from '../domain/customer-vocabulary';

/** A lifecycle move; suspending and churning need a reason. */
export class ChangeCustomerStatusDto {
  @ApiProperty({ enum: CUSTOMER_STATUSES })
  @IsIn(CUSTOMER_STATUSES)
  status!: CustomerStatus;

  @ApiPropertyOptional({ maxLength: REASON_MAX, description: 'Required for suspended and churned' })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}
