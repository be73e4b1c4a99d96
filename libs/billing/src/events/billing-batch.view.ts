import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const EVENT_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export class BillingEventResult {
  @ApiProperty({ description: 'Position of the event in the batch, from 0' }) index!: number;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ enum: EVENT_STATUSES }) status!: EventStatus;
  @ApiPropertyOptional({ description: 'Why the event was rejected, naming the field' }) reason?: string;
}

export class BillingBatchResult {
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [BillingEventResult] }) results!: BillingEventResult[];
}
