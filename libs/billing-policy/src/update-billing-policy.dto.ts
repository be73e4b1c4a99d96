import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { WHOLE_FEN } from './billing-policy.rules';

/** PUT /api/v1/billing-policy: the whole policy (both figures), replacing the current one. */
export class UpdateBillingPolicyDto {
  @ApiProperty({
    example: '5000000',
    pattern: WHOLE_FEN.source,
    description:
      'Whole fen as a decimal string, 0 … 10^15: the monthly revenue that makes a customer high_value',
  })
  @IsString({ message: '$property must be a decimal string of whole fen' })
  @Matches(WHOLE_FEN, { message: '$property must be whole fen as a decimal string, 0 … 10^15' })
  highValueMinMonthlyFen!: string;

  @ApiProperty({
    example: 30,
    minimum: 1,
    maximum: 99,
    description: 'Churn risk threshold in percent, 1 … 99',
  })
  @IsInt({ message: '$property must be a whole number' })
  @Min(1)
  @Max(99)
  churnDropPercent!: number;
}
