import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Figures and what they say, for a group of city-months (or all of them). */
export class ServiceQualityFiguresView {
  @ApiProperty({ example: 42, description: 'Tickets created' }) opened!: number;
  @ApiProperty({ example: 38, description: 'Tickets closed' }) closed!: number;
  @ApiProperty({ example: 40, description: 'First-response targets falling due' }) responseDue!: number;
  @ApiProperty({ example: 37, description: 'Of them, answered in time' }) responseMet!: number;
  @ApiProperty({ example: 30, description: 'Restore (faults) or resolve targets falling due' })
  restoreDue!: number;
  @ApiProperty({ example: 27, description: 'Of them, met in time' }) restoreMet!: number;
  @ApiProperty({ example: 29, description: 'Tickets restored (faults) or resolved' }) restoredCount!: number;
  @ApiProperty({ example: 5220, description: 'Their minutes from creation, summed' })
  restoreMinutesSum!: number;
  @ApiProperty({
    example: 2,
    description: 'Escalations open at each month end (the current month: now), summed',
  })
  escalationsOpen!: number;
  @ApiProperty({ example: 20 }) returnVisitsDue!: number;
  @ApiProperty({ example: 18 }) returnVisitsDone!: number;
  @ApiProperty({ example: 81 }) satisfactionSum!: number;
  @ApiProperty({ example: 18 }) satisfactionCount!: number;
  @ApiProperty({ example: 6, description: 'Complaints opened' }) complaintsOpened!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 350,
    description: 'Active customers summed over the city-months; null when grouped or filtered by grade',
  })
  activeCustomers!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 92.5, description: 'responseMet / responseDue, %' })
  responseCompliancePct!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 90, description: 'restoreMet / restoreDue, %' })
  restoreCompliancePct!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 180, description: 'Mean time to restore, minutes' })
  meanTimeToRestoreMinutes!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 90,
    description: 'returnVisitsDone / returnVisitsDue, %',
  })
  returnVisitCoveragePct!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 4.5, description: 'Mean satisfaction, 1–5' })
  meanSatisfaction!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1.71,
    description: 'Complaints opened per 100 active customers; null without a base',
  })
  complaintsPer100Customers!: number | null;
}

export class ServiceQualityRowView extends ServiceQualityFiguresView {
  @ApiPropertyOptional({ example: '440000' }) province?: string;
  @ApiPropertyOptional({ example: '广东省 Guangdong' }) provinceName?: string;
  @ApiPropertyOptional({ example: '440300' }) city?: string;
  @ApiPropertyOptional({ example: '深圳市 Shenzhen' }) cityName?: string;
  @ApiPropertyOptional({ example: '2026-05' }) month?: string;
  @ApiPropertyOptional({ example: 'fault' }) ticketType?: string;
  @ApiPropertyOptional({ example: 'critical' }) severity?: string;
  @ApiPropertyOptional({ example: 'A' }) grade?: string;
  @ApiPropertyOptional({
    type: ServiceQualityFiguresView,
    description: 'The same group a month (or the range) before',
  })
  mom?: ServiceQualityFiguresView;
  @ApiPropertyOptional({ type: ServiceQualityFiguresView, description: 'The same group 12 months before' })
  yoy?: ServiceQualityFiguresView;
}

export class ServiceQualityReportView {
  @ApiProperty({ example: '2026-01' }) from!: string;
  @ApiProperty({ example: '2026-06' }) to!: string;
  @ApiProperty({ type: [String], example: ['city', 'month'] }) groupBy!: string[];
  @ApiProperty({ type: [ServiceQualityRowView] }) rows!: ServiceQualityRowView[];
  @ApiProperty({ example: 120, description: 'Rows before the limit' }) rowCount!: number;
  @ApiProperty({ type: ServiceQualityFiguresView }) totals!: ServiceQualityFiguresView;
}
