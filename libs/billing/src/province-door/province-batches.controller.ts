import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { BillingBatchDto, UsageBatchDto } from '../events/billing-batch.dto';
import { kindNamed } from '../events/billing-event-kinds';
import { ProvinceBatchResult } from './province-batch.view';
import { ProvinceBatchesService } from './province-batches.service';

/** The province's REST door: the city door's resources, each event routed to its account's city. */
@ApiTags('billing')
@Controller('api/v1')
export class ProvinceBatchesController {
  constructor(private readonly batches: ProvinceBatchesService) {}

  @Post('usage-batches')
  @HttpCode(HttpStatus.OK)
  @Requires('billing:ingest')
  @ApiOperation({
    summary: "Route a batch of usage events, keyed by billing account, to their accounts' cities",
  })
  @ApiOkResponse({ type: ProvinceBatchResult })
  usage(@Scope() scope: AccessScope, @Body() dto: UsageBatchDto): Promise<ProvinceBatchResult> {
    return this.batches.ingest(scope, kindNamed('usage'), dto.events);
  }

  @Post('bill-batches')
  @HttpCode(HttpStatus.OK)
  @Requires('billing:ingest')
  @ApiOperation({ summary: "Route a batch of bills, keyed by billing account, to their accounts' cities" })
  @ApiOkResponse({ type: ProvinceBatchResult })
  bills(@Scope() scope: AccessScope, @Body() dto: BillingBatchDto): Promise<ProvinceBatchResult> {
    return this.batches.ingest(scope, kindNamed('bill'), dto.events);
  }

  @Post('payment-batches')
  @HttpCode(HttpStatus.OK)
  @Requires('billing:ingest')
  @ApiOperation({ summary: "Route a batch of payments, keyed by billing account, to their accounts' cities" })
  @ApiOkResponse({ type: ProvinceBatchResult })
  payments(@Scope() scope: AccessScope, @Body() dto: BillingBatchDto): Promise<ProvinceBatchResult> {
    return this.batches.ingest(scope, kindNamed('payment'), dto.events);
  }
}
