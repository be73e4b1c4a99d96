import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders } from '@kaf/platform';
import { CreateVisitDto } from './create-visit.dto';
import { ListVisitsQuery } from './list-visits.query';
import { CreatedVisitView, VisitView } from './visit.view';
import { VisitsService } from './visits.service';

@ApiTags('visits')
@Controller('api/v1/visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Post()
  @Requires('visits:write')
  @ApiOperation({ summary: 'Record a customer visit, optionally with a follow-up task' })
  @ApiCreatedResponse({ type: CreatedVisitView })
  create(@Scope() scope: AccessScope, @Body() dto: CreateVisitDto): Promise<CreatedVisitView> {
    return this.visits.create(scope, dto);
  }

  @Get()
  @Requires('visits:read')
  @ApiOperation({ summary: 'Customer visits, newest first; an account manager sees their customers' })
  @ApiOkResponse({ type: [VisitView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListVisitsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VisitView[]> {
    const { items, total } = await this.visits.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }
}
