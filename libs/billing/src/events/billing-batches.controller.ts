import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { BillingBatchDto, UsageBatchDto } from './billing-batch.dto';
import { BillingBatchResult } from './billing-batch.view';
import { kindNamed } from './billing-event-kinds';
import { BillingBatchesService } from './billing-batches.service';

/** The city's REST door: one resource per kind of event, each batch answered event by event. */
@ApiTags('billing')
@Controller('api/v1')
export class BillingBatchesController {
  constructor(private readonly batches: BillingBatchesService) {}

  @Post('usage-batches')
  @HttpCode(HttpStatus.OK)
  @Requires('billing:ingest')
  @ApiOperation({
    summary: 'Book a batch of usage events from a billing system; each event is answered on its own',
  })
  @ApiOkResponse({ type: BillingBatchResult })
  usage(@Scope() scope: AccessScope, @Body() dto: UsageBatchDto): Promise<BillingBatchResult> {
    return this.batches.ingest(scope, kindNamed('usage'), dto.events);
  }

  @Post('bill-batches')
  @HttpCode(HttpStatus.OK)
  @Requires('billing:ingest')
  @ApiOperation({
    summary: 'Book a batch of bills from a billing system, keyed by account; each answered on its own',
  })
  @ApiOkResponse({ type: BillingBatchResult })
  bills(@Scope() scope: AccessScope, @Body() dto: BillingBatchDto): Promise<BillingBatchResult> {
    return this.batches.ingest(scope, kindNamed('bill'), dto.events);
  }

  @Post('payment-batches')
  @HttpCode(HttpStatus.OK)
  @Requires('billing:ingest')
  @ApiOperation({
    summary: 'Book a batch of payments from a billing system, keyed by account; each answered on its own',
  })
  @ApiOkResponse({ type: BillingBatchResult })
  payments(@Scope() scope: AccessScope, @Body() dto: BillingBatchDto): Promise<BillingBatchResult> {
    return this.batches.ingest(scope, kindNamed('payment'), dto.events);
  }
}
