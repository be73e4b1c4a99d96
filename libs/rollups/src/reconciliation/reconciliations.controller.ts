import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { uuidParam } from '@kaf/platform';
import { ReconciliationRunView } from './reconciliation-run.view';
import { ReconciliationService } from './reconciliation.service';
import { StartReconciliationDto } from './start-reconciliation.dto';

/** Province and national: compare usage totals with the children, resync what differs. */
@ApiTags('reconciliations')
@Controller('api/v1/reconciliations')
export class ReconciliationsController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post()
  @HttpCode(202)
  @Requires('reconciliation:run')
  @ApiOperation({
    summary: 'Ask every child for its usage totals of some months and compare (default: the last 3)',
  })
  @ApiAcceptedResponse({ type: ReconciliationRunView })
  start(@Body() dto: StartReconciliationDto, @Scope() scope: AccessScope): Promise<ReconciliationRunView> {
    return this.reconciliation.start(dto, 'manual', scope.principal);
  }

  @Get('latest')
  @Requires('reconciliation:read')
  @ApiOperation({ summary: 'The most recent reconciliation run with its findings' })
  @ApiOkResponse({ type: ReconciliationRunView })
  latest(): Promise<ReconciliationRunView> {
    return this.reconciliation.latest();
  }

  @Get(':id')
  @Requires('reconciliation:read')
  @ApiOperation({ summary: 'One reconciliation run with its findings' })
  @ApiOkResponse({ type: ReconciliationRunView })
  get(@Param('id', uuidParam('id')) id: string): Promise<ReconciliationRunView> {
    return this.reconciliation.get(id);
  }
}
