import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { UsageEventDto } from '../ledger/usage-event.dto';

export const MAX_BATCH_EVENTS = 1000;

/** A batch of events of one kind. Loosely typed on purpose: each event is validated on its own and answered in `results`. */
export class BillingBatchDto {
  @ApiProperty({ type: 'array', items: { type: 'object' }, minItems: 1, maxItems: MAX_BATCH_EVENTS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_EVENTS)
  events!: unknown[];
}

/** The usage batch, documented with the usage event's fields. */
export class UsageBatchDto extends BillingBatchDto {
  @ApiProperty({ type: [UsageEventDto], minItems: 1, maxItems: MAX_BATCH_EVENTS })
  declare events: unknown[];
}
