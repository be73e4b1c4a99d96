import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { AcknowledgeEscalationDto } from './acknowledge-escalation.dto';
import { HeldEscalationView } from './held-escalation.view';
import { HeldEscalationsService } from './held-escalations.service';
import { ListEscalationsQuery } from './list-escalations.query';

/** Province, national or coordinating node: escalations raised to it (分层分级督办). */
@ApiTags('escalations')
@Controller('api/v1/escalations')
export class HeldEscalationsController {
  constructor(private readonly escalations: HeldEscalationsService) {}

  @Get()
  @Requires('escalations:read')
  @ApiOperation({ summary: 'Escalations held at this node, most recently raised first' })
  @ApiOkResponse({ type: [HeldEscalationView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListEscalationsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HeldEscalationView[]> {
    const { items, total } = await this.escalations.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':escalationId')
  @Requires('escalations:read')
  @ApiOperation({ summary: 'One escalation held at this node' })
  @ApiOkResponse({ type: HeldEscalationView })
  get(
    @Scope() scope: AccessScope,
    @Param('escalationId', uuidParam('escalationId')) id: string,
  ): Promise<HeldEscalationView> {
    return this.escalations.get(scope, id.toLowerCase());
  }

  @Post(':escalationId/acknowledgement')
  @HttpCode(200)
  @Requires('escalations:acknowledge')
  @ApiOperation({ summary: 'Take the escalation on; the raiser sees the acknowledgement on its case' })
  @ApiOkResponse({ type: HeldEscalationView })
  acknowledge(
    @Scope() scope: AccessScope,
    @Param('escalationId', uuidParam('escalationId')) id: string,
    @Body() dto: AcknowledgeEscalationDto,
  ): Promise<HeldEscalationView> {
    return this.escalations.acknowledge(scope, id.toLowerCase(), dto);
  }
}
