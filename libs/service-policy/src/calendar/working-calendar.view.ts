import { ApiProperty } from '@nestjs/swagger';
import { PolicyProvenanceView, type PolicySource } from '@kaf/documents';
import type { CalendarYear } from './working-calendar.rules';

/** One year of the working-day calendar in force at a node. */
export class WorkingCalendarYearView extends PolicyProvenanceView {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ example: 'CN', description: 'The node that issued it' }) issuer!: string;
  @ApiProperty({ example: '2', description: "The year's version" }) version!: string;

  @ApiProperty({ type: [String], example: ['2027-02-05', '2027-02-08'], description: 'Days off, YYYY-MM-DD' })
  holidays!: string[];

  @ApiProperty({ type: [String], example: ['2027-02-14'], description: 'Saturdays or Sundays worked (调休)' })
  makeUpWorkdays!: string[];
}

export function toCalendarYearView(
  calendar: CalendarYear,
  held: { issuer: string; version: bigint; updatedAt: Date; source: PolicySource },
): WorkingCalendarYearView {
  return {
    year: calendar.year,
    issuer: held.issuer,
    version: held.version.toString(),
    holidays: calendar.holidays,
    makeUpWorkdays: calendar.makeUpWorkdays,
    updatedAt: held.updatedAt.toISOString(),
    source: held.source,
  };
}
