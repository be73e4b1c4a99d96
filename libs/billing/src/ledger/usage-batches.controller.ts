import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { UsageBatchDto } from './usage-batch.dto';
import { UsageBatchResult } from './usage-batch.view';
import { UsageIngestService } from './usage-ingest.service';

@ApiTags('billing')
@Controller('api/v1/usage-batches')
export class UsageBatchesController {
  constructor(private readonly ingest: UsageIngestService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @Requires('billing:ingest')
  @ApiOperation({
    summary: 'Book a batch of usage events from a billing system; each event is answered on its own',
  })
  @ApiOkResponse({ type: UsageBatchResult })
  book(@Scope() scope: AccessScope, @Body() dto: UsageBatchDto): Promise<UsageBatchResult> {
    return this.ingest.ingest(scope, dto.events);
  }
}
