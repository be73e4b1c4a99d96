import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const REPORTING_STATUSES = ['on_time', 'late', 'missing', 'pending', 'incomplete'] as const;

export class CompletenessChildView {
  @ApiProperty({
    example: '440300',
    description: 'A city at a province node, a province at the national node',
  })
  code!: string;
  @ApiProperty({ example: '深圳市 Shenzhen' }) name!: string;
  @ApiProperty({
    enum: REPORTING_STATUSES,
    description:
      'on_time / late: reported before / after the deadline (a province: every city reported, all on time or not); ' +
      'missing: not reported after the deadline; pending: not reported, deadline not passed; incomplete: a province with cities missing',
  })
  status!: (typeof REPORTING_STATUSES)[number];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A city: when its slice was first reported',
  })
  firstReportedAt?: string | null;
  @ApiProperty({ example: 11, description: 'Cities expected from the topology' }) citiesExpected!: number;
  @ApiProperty({ example: 10 }) citiesReported!: number;
  @ApiProperty({ example: 9 }) citiesOnTime!: number;
  @ApiProperty({ example: 1 }) citiesLate!: number;
  @ApiProperty({ type: [String], example: ['440500'] }) missingCities!: string[];
}

export class CompletenessMonthView {
  @ApiProperty({ example: '2026-05' }) month!: string;
  @ApiProperty({
    example: '2026-06-05T16:00:00.000Z',
    description: 'Reported before this instant is on time: the end of the deadline day in Asia/Shanghai',
  })
  deadline!: string;
  @ApiProperty() citiesExpected!: number;
  @ApiProperty() citiesReported!: number;
  @ApiProperty() citiesOnTime!: number;
  @ApiProperty() citiesLate!: number;
  @ApiProperty({ type: [CompletenessChildView] }) children!: CompletenessChildView[];
}

export class CompletenessView {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-06' }) to!: string;
  @ApiProperty({ example: 5, description: 'Day of the following month a month must be reported by' })
  deadlineDay!: number;
  @ApiProperty({ type: [CompletenessMonthView] }) months!: CompletenessMonthView[];
}

export class FreshnessFiguresView {
  @ApiProperty({ type: String, nullable: true, description: 'The newest city change included in any slice' })
  newestChangeAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When a slice was last computed (province) or received (national)',
  })
  lastReportedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds from newestChangeAt to now' })
  ageSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds from lastReportedAt to now' })
  sinceReportSeconds!: number | null;
}

export class FreshnessChildView extends FreshnessFiguresView {
  @ApiProperty({ example: '440300' }) code!: string;
  @ApiProperty({ example: '深圳市 Shenzhen' }) name!: string;
}

export class FreshnessView {
  @ApiProperty({ example: '2026-06-02T08:00:00.000Z' }) asOf!: string;
  @ApiProperty({ type: FreshnessFiguresView, description: "The node's subtree as a whole" })
  overall!: FreshnessFiguresView;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The stalest child: the oldest of their last reports',
  })
  oldestChildReportedAt!: string | null;
  @ApiProperty({ type: [FreshnessChildView] }) children!: FreshnessChildView[];
}
