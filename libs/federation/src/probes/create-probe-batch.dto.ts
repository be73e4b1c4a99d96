import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const PROBE_MODES = ['echo', 'oneway', 'reject'] as const;
export type ProbeModeName = (typeof PROBE_MODES)[number];

export class CreateProbeBatchDto {
  @ApiProperty({
    example: '440000',
    description: 'Node code of the addressee (any node in the topology but this one)',
  })
  @Matches(/^(CN|\d{6})$/, { message: 'target must be CN or a 6-digit node code' })
  target!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  count = 1;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1000,
    default: 1,
    description: 'Probes are spread round-robin over this many keys',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  keys = 1;

  @ApiPropertyOptional({
    example: 'drill-1',
    description:
      'Probe keys are `<keyPrefix>:<n>`; reuse a prefix to put batches on the same key (and partition)',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, {
    message: 'keyPrefix must be 1-64 letters, digits, dots, dashes or underscores',
  })
  keyPrefix?: string;

  @ApiPropertyOptional({
    enum: PROBE_MODES,
    default: 'echo',
    description:
      'echo: recorded and answered; oneway: recorded only; reject: refused every time (dead-letter drill)',
  })
  @IsOptional()
  @IsIn(PROBE_MODES)
  mode: ProbeModeName = 'echo';
}
