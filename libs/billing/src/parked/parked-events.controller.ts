import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { ListParkedEventsQuery } from './list-parked-events.query';
import { ParkedEventsService } from './parked-events.service';
import { ParkedUsageEventReplay, ParkedUsageEventView } from './parked-usage-event.view';

@ApiTags('billing')
@Controller('api/v1/usage-parked-events')
@Requires('billing:operate')
export class ParkedEventsController {
  constructor(private readonly parked: ParkedEventsService) {}

  @Get()
  @ApiOperation({ summary: 'Usage events from the Kafka door that could not be booked, newest first' })
  @ApiOkResponse({ type: [ParkedUsageEventView] })
  async list(
    @Query() query: ListParkedEventsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ParkedUsageEventView[]> {
    const { total, items } = await this.parked.list(query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Post(':id/replay')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Book a parked usage event again (e.g. once its customer exists); answers the verdict',
  })
  @ApiOkResponse({ type: ParkedUsageEventReplay })
  @ApiNotFoundResponse({ description: 'No parked event with this id' })
  @ApiConflictResponse({ description: 'The event was replayed already' })
  replay(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<ParkedUsageEventReplay> {
    return this.parked.replay(scope.principal, id);
  }
}
