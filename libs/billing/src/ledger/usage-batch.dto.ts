import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { UsageEventDto } from './usage-event.dto';

export const MAX_BATCH_EVENTS = 1000;

export class UsageBatchDto {
  /** Loosely typed on purpose: each event is validated on its own and answered in `results`. */
  @ApiProperty({ type: [UsageEventDto], minItems: 1, maxItems: MAX_BATCH_EVENTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_EVENTS)
  events!: unknown[];
}
