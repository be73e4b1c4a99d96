import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AccessScope, Requires, Scope } from '@kaf/auth';
import { setPageHeaders, uuidParam } from '@kaf/platform';
import { CreateTicketDto } from './create-ticket.dto';
import { ListTicketsQuery } from './list-tickets.query';
import { AddTicketNoteDto, MergeTicketsDto } from './ticket-actions.dto';
import { NoteView, TicketDetailView, TicketView } from './ticket.view';
import { TicketUpdatesService } from './ticket-updates.service';
import { TicketsService } from './tickets.service';
import { UpdateTicketDto } from './update-ticket.dto';

/** TMF621 Trouble Ticket at the customer's home city (ADR 0043). */
@ApiTags('trouble-tickets')
@Controller('api/v1/trouble-tickets')
export class TroubleTicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly updates: TicketUpdatesService,
  ) {}

  @Post()
  @Requires('trouble-tickets:write')
  @ApiOperation({
    summary: 'Open a ticket (201), or answer the one already opened with the same externalIdentifier (200)',
  })
  @ApiCreatedResponse({ type: TicketDetailView })
  @ApiOkResponse({
    type: TicketDetailView,
    description: 'The ticket already opened with this externalIdentifier',
  })
  async create(
    @Scope() scope: AccessScope,
    @Body() dto: CreateTicketDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketDetailView> {
    const { view, created } = await this.tickets.create(scope, dto);
    void reply.status(created ? 201 : 200).header('location', view.href);
    return view;
  }

  @Get()
  @Requires('trouble-tickets:read')
  @ApiOperation({ summary: 'Tickets, newest first; an account manager sees those of their portfolio' })
  @ApiOkResponse({ type: [TicketView] })
  async list(
    @Scope() scope: AccessScope,
    @Query() query: ListTicketsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Partial<TicketView>[]> {
    const { items, total } = await this.tickets.list(scope, query);
    setPageHeaders(reply, total, items.length);
    return items;
  }

  @Get(':id')
  @Requires('trouble-tickets:read')
  @ApiOperation({ summary: 'One ticket with its statusChangeHistory and notes' })
  @ApiOkResponse({ type: TicketDetailView })
  get(@Scope() scope: AccessScope, @Param('id', uuidParam('id')) id: string): Promise<TicketDetailView> {
    return this.tickets.get(scope, id);
  }

  @Patch(':id')
  @Requires('trouble-tickets:write')
  @ApiConsumes('application/merge-patch+json', 'application/json')
  @ApiOperation({
    summary: 'Change fields, the owner, restoration or status (JSON merge-patch)',
    description:
      '`status` moves through the TMF621 states; a move not allowed is 409 naming the current state. ' +
      '`status: inProgress` on a resolved ticket is the reopen (the customer rejects the resolution) and needs `statusChangeReason`.',
  })
  @ApiBody({ type: UpdateTicketDto })
  @ApiOkResponse({ type: TicketDetailView })
  update(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateTicketDto,
  ): Promise<TicketDetailView> {
    return this.updates.update(scope, id, dto);
  }

  @Post(':id/notes')
  @Requires('trouble-tickets:write')
  @ApiOperation({ summary: 'Add a note' })
  @ApiCreatedResponse({ type: NoteView })
  addNote(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: AddTicketNoteDto,
  ): Promise<NoteView> {
    return this.updates.addNote(scope, id, dto);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Requires('trouble-tickets:write')
  @ApiOperation({
    summary: 'Merge duplicates of the same customer into this ticket (each is cancelled, mergedInto this)',
  })
  @ApiOkResponse({ type: TicketDetailView })
  merge(
    @Scope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: MergeTicketsDto,
  ): Promise<TicketDetailView> {
    return this.updates.merge(scope, id, dto);
  }
}
