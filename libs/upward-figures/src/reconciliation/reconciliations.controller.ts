import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { uuidParam, ForbiddenError } from '@kaf/platform';
import { ReconciliationRunView } from './reconciliation-run.view';
import { ReconciliationService } from './reconciliation.service';
import { StartReconciliationDto } from './start-reconciliation.dto';

/** Province and national: compare a measure's totals with the children, resync what differs. */
@ApiTags('reconciliations')
@Controller('api/v1/reconciliations')
export class ReconciliationsController {
  constructor(
    private readonly reconciliation: ReconciliationService,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /**
   * A run compares and resyncs every child of this node, and its findings hold every child's
   * totals: only staff of this node or above may start or read one, not a child's staff.
   */
  private requireWholeNode(scope: AccessScope): void {
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(
        `reconciliations of node ${this.identity.code} are for its own staff and above`,
      );
    }
  }

  @Post()
  @HttpCode(202)
  @Requires('reconciliation:run')
  @ApiOperation({
    summary: "Ask every child for a measure's totals of some months and compare (default: the last 3)",
  })
  @ApiAcceptedResponse({ type: ReconciliationRunView })
  start(@Body() dto: StartReconciliationDto, @Scope() scope: AccessScope): Promise<ReconciliationRunView> {
    this.requireWholeNode(scope);
    return this.reconciliation.start(dto, 'manual', scope.principal);
  }

  @Get('latest')
  @Requires('reconciliation:read')
  @ApiOperation({
    summary: 'The most recent reconciliation run (of one measure when named) with its findings',
  })
  @ApiQuery({ name: 'measure', required: false, example: 'usage' })
  @ApiOkResponse({ type: ReconciliationRunView })
  latest(@Query('measure') measure: unknown, @Scope() scope: AccessScope): Promise<ReconciliationRunView> {
    this.requireWholeNode(scope);
    return this.reconciliation.latest(this.reconciliation.receivedMeasure(measure));
  }

  @Get(':id')
  @Requires('reconciliation:read')
  @ApiOperation({ summary: 'One reconciliation run with its findings' })
  @ApiOkResponse({ type: ReconciliationRunView })
  get(@Param('id', uuidParam('id')) id: string, @Scope() scope: AccessScope): Promise<ReconciliationRunView> {
    this.requireWholeNode(scope);
    return this.reconciliation.get(id);
  }
}
