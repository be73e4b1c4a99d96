import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ParkedUsageEventEntity } from './parked-usage-event.entity';

export const REPLAY_STATUSES = ['accepted', 'duplicate', 'routed', 'rejected'] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];
/** What a replay that took the event in leaves on it: booked (city) or sent on to its city (province). */
export type ReplayedStatus = Exclude<ReplayStatus, 'rejected'>;

export class ParkedUsageEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty({ description: 'Offset of the Kafka message, a decimal string' }) offset!: string;
  @ApiProperty({
    description: 'Index of the event in a batch message; 0 for a single event or a whole message',
  })
  index!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'CloudEvent source, when readable' })
  source!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'CloudEvent id, when readable' })
  eventId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The account number the event names' })
  billingAccount!: string | null;
  @ApiProperty({ description: 'Why it was parked, naming the fields at fault' }) reason!: string;
  @ApiProperty({ description: 'The event as it arrived' }) payload!: string;
  @ApiProperty({ format: 'date-time' }) parkedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) replayedAt!: string | null;
  @ApiPropertyOptional({ type: String, enum: ['accepted', 'duplicate', 'routed'], nullable: true })
  replayStatus!: ReplayedStatus | null;
}

export class ParkedUsageEventReplay {
  @ApiProperty({
    enum: REPLAY_STATUSES,
    description:
      'accepted: booked now; duplicate: the same event was booked meanwhile; routed: sent on to its city (province); rejected: still refused',
  })
  status!: ReplayStatus;
  @ApiPropertyOptional({ description: 'Why the event is still refused' }) reason?: string;
  @ApiProperty({ type: ParkedUsageEventView }) parkedEvent!: ParkedUsageEventView;
}

export function toParkedUsageEventView(row: ParkedUsageEventEntity): ParkedUsageEventView {
  return {
    id: row.id,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    index: row.index,
    source: row.source,
    eventId: row.eventId,
    billingAccount: row.billingAccount,
    reason: row.reason,
    payload: row.payload,
    parkedAt: row.parkedAt.toISOString(),
    replayedAt: row.replayedAt ? row.replayedAt.toISOString() : null,
    replayStatus: row.replayStatus,
  };
}
