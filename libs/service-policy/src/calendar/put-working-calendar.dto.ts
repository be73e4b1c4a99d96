import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, Max, Min } from 'class-validator';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from './working-calendar.rules';

/** Far more than any year's holidays and make-up days: a bound on the body, not a rule. */
const MAX_DAYS = 120;

/** PUT /api/v1/working-calendar: one year's calendar, replacing that year's version. */
export class PutWorkingCalendarDto {
  @ApiProperty({ minimum: MIN_CALENDAR_YEAR, maximum: MAX_CALENDAR_YEAR, example: 2027 })
  @IsInt({ message: '$property must be a year' })
  @Min(MIN_CALENDAR_YEAR)
  @Max(MAX_CALENDAR_YEAR)
  year!: number;

  @ApiProperty({
    type: [String],
    example: ['2027-01-01', '2027-02-05', '2027-02-08'],
    description: 'Statutory holidays of the year, YYYY-MM-DD (weekend days of a festival may be listed)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_DAYS)
  @IsString({ each: true, message: '$property must hold YYYY-MM-DD days' })
  holidays!: string[];

  @ApiProperty({
    type: [String],
    example: ['2027-02-14'],
    description: 'Saturdays or Sundays worked in exchange (调休), YYYY-MM-DD',
  })
  @IsArray()
  @ArrayMaxSize(MAX_DAYS)
  @IsString({ each: true, message: '$property must hold YYYY-MM-DD days' })
  makeUpWorkdays!: string[];
}
