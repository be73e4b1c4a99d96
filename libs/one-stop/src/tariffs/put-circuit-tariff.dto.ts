import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { MAX_BANDWIDTH_MBPS } from '../domain/circuit-products';
import { tariffFenProblem, WHOLE_FEN } from '../domain/circuit-charges';

/** Whole fen as a decimal string, 0 … 10^13. */
function IsTariffFen(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTariffFen',
      validator: {
        validate: (value) => tariffFenProblem(value) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} ${tariffFenProblem(args?.value) ?? 'is invalid'}`,
      },
    },
    options,
  );
}

/** PUT /api/v1/circuit-tariffs/{product}: the whole tariff of one product, replacing the one in force. */
export class PutCircuitTariffDto {
  @ApiProperty({
    example: '500000',
    pattern: WHOLE_FEN.source,
    description: 'One-time charge (installation) in whole fen as a decimal string, 0 … 10^13',
  })
  @IsTariffFen()
  oneTimeFen!: string;

  @ApiProperty({
    example: '200000',
    pattern: WHOLE_FEN.source,
    description: 'Monthly charge of any circuit of the product, whole fen as a decimal string, 0 … 10^13',
  })
  @IsTariffFen()
  monthlyBaseFen!: string;

  @ApiProperty({
    example: '3000',
    pattern: WHOLE_FEN.source,
    description:
      'Monthly charge per Mbps of bandwidth, whole fen as a decimal string, 0 … 10^13; at maxBandwidthMbps the monthly charge must stay within 10^15 fen',
  })
  @IsTariffFen()
  monthlyPerMbpsFen!: string;

  @ApiPropertyOptional({
    example: '100000',
    pattern: WHOLE_FEN.source,
    description:
      'One-time charge of a bandwidth change of a circuit in service (a modify quote), whole fen as a decimal string, 0 … 10^13. Absent: 0',
  })
  @IsOptional()
  @IsTariffFen()
  changeOneTimeFen?: string;

  @ApiProperty({ example: 10_000, minimum: 1, maximum: MAX_BANDWIDTH_MBPS })
  @IsInt({ message: '$property must be a whole number of Mbps' })
  @Min(1)
  @Max(MAX_BANDWIDTH_MBPS)
  maxBandwidthMbps!: number;
}
