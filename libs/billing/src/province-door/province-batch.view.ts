import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const ROUTE_STATUSES = ['routed', 'rejected'] as const;

export class ProvinceEventResult {
  @ApiProperty({ description: 'Position of the event in the batch, from 0' }) index!: number;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ enum: ROUTE_STATUSES }) status!: (typeof ROUTE_STATUSES)[number];
  @ApiPropertyOptional({ description: 'The city the event was sent to' }) cityCode?: string;
  @ApiPropertyOptional({ description: 'Why the event was rejected, naming the field' }) reason?: string;
}

export class ProvinceBatchResult {
  @ApiProperty() routed!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [ProvinceEventResult] }) results!: ProvinceEventResult[];
}
