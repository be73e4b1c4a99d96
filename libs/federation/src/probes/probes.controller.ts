import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { CreateProbeBatchDto } from './create-probe-batch.dto';
import { ProbeBatchView, ProbeDeliveryView, ProbesService } from './probes.service';

@ApiTags('federation')
@Controller('api/v1/federation/probes')
@Requires('federation:operate')
export class ProbesController {
  constructor(private readonly probes: ProbesService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a batch of probes to another node through the outbox, broker and its inbox',
  })
  @ApiAcceptedResponse({ type: ProbeBatchView })
  send(@Scope() scope: AccessScope, @Body() dto: CreateProbeBatchDto): Promise<ProbeBatchView> {
    return this.probes.send(scope.principal, dto);
  }

  @Get(':batchId')
  @ApiOperation({ summary: 'A batch sent from here: replies received and round-trip latency' })
  @ApiOkResponse({ type: ProbeBatchView })
  batch(@Param('batchId', new ParseUUIDPipe()) batchId: string): Promise<ProbeBatchView> {
    return this.probes.batch(batchId);
  }

  @Get(':batchId/delivery')
  @ApiOperation({ summary: 'A batch received here: handled once each? in order per key? one-way latency' })
  @ApiOkResponse({ type: ProbeDeliveryView })
  delivery(@Param('batchId', new ParseUUIDPipe()) batchId: string): Promise<ProbeDeliveryView> {
    return this.probes.delivery(batchId);
  }
}
