import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { type FieldError, FieldValidationException } from '@kaf/platform';
import { DataSource } from 'typeorm';
import type { AddTicketNoteDto, MergeTicketsDto } from './ticket-actions.dto';
import { TicketQueries } from './ticket.queries';
import { type NoteView, type TicketDetailView, toAuditedTicket } from './ticket.view';
import { isReopen } from './ticket-transitions';
import { TicketWorkflow } from './ticket-workflow';
import { TicketsService } from './tickets.service';
import type { TicketStatus } from './ticket-vocabulary';
import type { UpdateTicketDto } from './update-ticket.dto';

/** Changes to tickets made through the API: a merge-patch, notes, merging duplicates. */
@Injectable()
export class TicketUpdatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workflow: TicketWorkflow,
    private readonly queries: TicketQueries,
    private readonly tickets: TicketsService,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Applies a merge-patch in one transaction: plain fields, the owner, a fault's restoration,
   * then the status move (so a patch may restore and resolve a fault together).
   */
  async update(scope: AccessScope, id: string, dto: UpdateTicketDto): Promise<TicketDetailView> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.queries.require(tx, scope, id);
      checkPatch(dto, current.status);
      const by = scope.principal.subject;
      const before = toAuditedTicket(current);
      const plain = {
        ...(dto.severity !== undefined ? { severity: dto.severity } : {}),
        ...(dto.priority !== undefined ? { priority: dto.priority } : {}),
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(dto.requestedResolutionDate !== undefined
          ? {
              requestedResolutionDate:
                dto.requestedResolutionDate === null ? null : new Date(dto.requestedResolutionDate),
            }
          : {}),
      };
      let ticket = current;
      if (Object.keys(plain).length > 0) ticket = await this.workflow.amend(tx, id, plain);
      if (dto.ownerStaffId !== undefined)
        ticket = await this.workflow.reassign(tx, id, dto.ownerStaffId, { by });
      if (dto.restoredAt !== undefined)
        ticket = await this.workflow.markRestored(tx, id, { by, at: new Date(dto.restoredAt) });
      if (dto.status !== undefined && dto.status !== ticket.status) {
        ticket = await this.workflow.transition(tx, id, dto.status, { by, reason: dto.statusChangeReason });
      }
      if (ticket !== current) {
        await this.audit.record(tx, scope.principal, {
          action: 'trouble-ticket.update',
          resourceType: 'trouble_ticket',
          resourceId: id,
          before,
          after: toAuditedTicket(ticket),
        });
      }
      return this.tickets.detail(tx, ticket);
    });
  }

  async addNote(scope: AccessScope, id: string, dto: AddTicketNoteDto): Promise<NoteView> {
    return this.dataSource.transaction(async (tx) => {
      await this.queries.require(tx, scope, id);
      const note = await this.workflow.addNote(tx, id, dto.text, scope.principal.subject);
      // The text may name people: the log keeps that a note was written, not what it says.
      await this.audit.record(tx, scope.principal, {
        action: 'trouble-ticket.note',
        resourceType: 'trouble_ticket',
        resourceId: id,
        after: { noteId: note.id, author: note.author, length: note.text.length },
      });
      return { id: note.id, text: note.text, author: note.author, date: note.createdAt.toISOString() };
    });
  }

  /** Folds each duplicate into ticket `id`: all must be in reach, open and of the same customer. */
  async merge(scope: AccessScope, id: string, dto: MergeTicketsDto): Promise<TicketDetailView> {
    return this.dataSource.transaction(async (tx) => {
      await this.queries.require(tx, scope, id);
      for (const duplicateId of dto.duplicateIds) {
        await this.queries.require(tx, scope, duplicateId, 'duplicateIds');
        await this.workflow.merge(tx, duplicateId, id, { by: scope.principal.subject, reason: dto.reason });
      }
      await this.audit.record(tx, scope.principal, {
        action: 'trouble-ticket.merge',
        resourceType: 'trouble_ticket',
        resourceId: id,
        after: { mergedIds: dto.duplicateIds, reason: dto.reason ?? null },
      });
      return this.tickets.detail(tx, await this.queries.require(tx, scope, id));
    });
  }
}

/** Checks a patch's fields need together, before anything is written. */
function checkPatch(dto: UpdateTicketDto, status: TicketStatus, now = new Date()): void {
  const errors: FieldError[] = [];
  if (dto.status !== undefined && isReopen(status, dto.status) && !dto.statusChangeReason) {
    errors.push({
      field: 'statusChangeReason',
      message: 'is required to reopen a resolved ticket: why the customer rejects the resolution',
    });
  }
  if (dto.statusChangeReason !== undefined && dto.status === undefined) {
    errors.push({ field: 'statusChangeReason', message: 'goes with status' });
  }
  if (
    typeof dto.requestedResolutionDate === 'string' &&
    new Date(dto.requestedResolutionDate).getTime() < now.getTime()
  ) {
    errors.push({ field: 'requestedResolutionDate', message: 'must not be in the past' });
  }
  if (dto.restoredAt !== undefined && new Date(dto.restoredAt).getTime() > now.getTime() + 60_000) {
    errors.push({ field: 'restoredAt', message: 'must not be in the future' });
  }
  if (errors.length > 0) throw new FieldValidationException(errors);
}
