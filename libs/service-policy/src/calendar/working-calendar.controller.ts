import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { SERVICE_POLICY_READERS } from '../service-policy-readers';
import { PutWorkingCalendarDto } from './put-working-calendar.dto';
import { WorkingCalendarReader } from './working-calendar.reader';
import { WorkingCalendarService } from './working-calendar.service';
import { WorkingCalendarYearView } from './working-calendar.view';

/** Every node: the working-day calendar in force here; CN publishes it a year at a time. */
@ApiTags('working-calendar')
@Controller('api/v1/working-calendar')
export class WorkingCalendarController {
  constructor(
    private readonly reader: WorkingCalendarReader,
    private readonly calendar: WorkingCalendarService,
  ) {}

  @Get()
  @Requires(...SERVICE_POLICY_READERS)
  @ApiOperation({
    summary:
      'Every year of the working-day calendar in force at this node, oldest first (a year not listed is plain Monday to Friday)',
  })
  @ApiOkResponse({ type: [WorkingCalendarYearView] })
  list(): Promise<WorkingCalendarYearView[]> {
    return this.reader.years();
  }

  @Put()
  @Requires('service-policy:write')
  @ApiOperation({
    summary: "Publish one year's holidays and make-up working days to every node (CN only; 403 elsewhere)",
  })
  @ApiOkResponse({ type: WorkingCalendarYearView })
  put(@Body() dto: PutWorkingCalendarDto, @Scope() scope: AccessScope): Promise<WorkingCalendarYearView> {
    return this.calendar.put(dto, scope);
  }
}
