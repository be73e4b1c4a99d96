import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { uuidParam } from '@kaf/platform';
import { RecordReturnVisitDto } from './record-return-visit.dto';
import { ReturnVisitRecordsService } from './return-visit-records.service';
import { ReturnVisitView } from './return-visit.view';

@ApiTags('trouble-tickets')
@Controller('api/v1/trouble-tickets')
export class ReturnVisitsController {
  constructor(private readonly records: ReturnVisitRecordsService) {}

  @Post(':id/return-visit')
  @Requires('trouble-tickets:write')
  @ApiOperation({
    summary:
      "Record the open return visit's result; confirmed closes a resolved ticket, not confirmed reopens it",
  })
  @ApiCreatedResponse({ type: ReturnVisitView })
  record(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: RecordReturnVisitDto,
  ): Promise<ReturnVisitView> {
    return this.records.record(scope, id, dto);
  }

  @Get(':id/return-visits')
  @Requires('trouble-tickets:read')
  @ApiOperation({ summary: "The ticket's return visits, oldest first" })
  @ApiOkResponse({ type: [ReturnVisitView] })
  list(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<ReturnVisitView[]> {
    return this.records.list(scope, id);
  }
}
