import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, uuidv7 } from '@kaf/platform';
import { TicketEvents, type TicketEventKind } from './ticket-events';
import { TicketNoteEntity } from './ticket-note.entity';
import { TicketStatusChangeEntity } from './ticket-status-change.entity';
import { TicketTransitionError, canTransition, isReopen } from './ticket-transitions';
import { FINAL_TICKET_STATUSES, type TicketStatus } from './ticket-vocabulary';
import { TroubleTicketEntity } from './trouble-ticket.entity';

export interface TicketMove {
  /** Staff id, or a system's name (`auto-close`, a fault check's answer). */
  by: string;
  reason?: string;
  at?: Date;
}

/**
 * The one writer of a ticket's state: every move is checked against TMF621's transitions,
 * written to the history, stamped (response, resolution, closing), versioned, and told to the
 * listeners in the same transaction. Callers pass their transaction; the ticket is locked.
 */
@Injectable()
export class TicketWorkflow {
  constructor(private readonly events: TicketEvents) {}

  /** Records a new ticket in `acknowledged`, its first history entry, and tells the listeners. */
  async open(tx: EntityManager, ticket: TroubleTicketEntity, move: TicketMove): Promise<TroubleTicketEntity> {
    const at = move.at ?? new Date();
    Object.assign(ticket, {
      status: 'acknowledged',
      version: 1,
      reopenCount: 0,
      createdAt: at,
      updatedAt: at,
    });
    const saved = await tx.getRepository(TroubleTicketEntity).save(ticket);
    await this.history(tx, saved.id, null, 'acknowledged', move, at);
    await this.emit(tx, 'created', saved, null, move, at);
    return saved;
  }

  async transition(
    tx: EntityManager,
    ticketId: string,
    to: TicketStatus,
    move: TicketMove,
  ): Promise<TroubleTicketEntity> {
    const ticket = await this.lock(tx, ticketId);
    return this.move(tx, ticket, to, move);
  }

  /** Faults only: service is back. A second report of the same restoration changes nothing. */
  async markRestored(
    tx: EntityManager,
    ticketId: string,
    move: { by: string; at: Date },
  ): Promise<TroubleTicketEntity> {
    const ticket = await this.lock(tx, ticketId);
    if (ticket.ticketType !== 'fault') {
      throw new ConflictError(
        `trouble ticket is a ${ticket.ticketType}: only faults are restored`,
        'trouble-ticket.not-a-fault',
      );
    }
    if (ticket.restoredAt) return ticket;
    ticket.restoredAt = move.at;
    return this.save(tx, ticket, 'restored', ticket.status, move, move.at);
  }

  /** Hands the ticket to another owner (an account manager or service-desk staff). */
  async reassign(
    tx: EntityManager,
    ticketId: string,
    ownerStaffId: string | null,
    move: TicketMove,
  ): Promise<TroubleTicketEntity> {
    const ticket = await this.lock(tx, ticketId);
    if (ticket.ownerStaffId === ownerStaffId) return ticket;
    ticket.ownerStaffId = ownerStaffId;
    return this.save(tx, ticket, 'reassigned', ticket.status, move, move.at ?? new Date());
  }

  /** Changes fields that carry no state (severity, name, …) and bumps the version; no event. */
  async amend(
    tx: EntityManager,
    ticketId: string,
    changes: Partial<
      Pick<TroubleTicketEntity, 'severity' | 'priority' | 'name' | 'description' | 'requestedResolutionDate'>
    >,
  ): Promise<TroubleTicketEntity> {
    const ticket = await this.lock(tx, ticketId);
    Object.assign(ticket, changes);
    ticket.version += 1;
    return tx.getRepository(TroubleTicketEntity).save(ticket);
  }

  /**
   * Folds a duplicate into `targetId`: the duplicate is cancelled with `merged_into` and a note
   * on the target says so. Both must be open and the same customer's.
   */
  async merge(
    tx: EntityManager,
    duplicateId: string,
    targetId: string,
    move: TicketMove,
  ): Promise<TroubleTicketEntity> {
    // Lock in id order so that two merges crossing each other cannot deadlock.
    const [first, second] = [duplicateId, targetId].sort();
    const locked = new Map([
      [first!, await this.lock(tx, first!)],
      [second!, await this.lock(tx, second!)],
    ]);
    const duplicate = locked.get(duplicateId)!;
    const target = locked.get(targetId)!;
    if (duplicate.customerId !== target.customerId) {
      throw new ConflictError(
        'only tickets of the same customer can be merged',
        'trouble-ticket.merge-other-customer',
      );
    }
    if (duplicateId === targetId) {
      throw new ConflictError('a trouble ticket cannot be merged into itself', 'trouble-ticket.merge-self');
    }
    if (FINAL_TICKET_STATUSES.includes(target.status)) {
      throw new ConflictError(
        `trouble ticket ${target.id} is ${target.status}: nothing can be merged into it`,
        'trouble-ticket.merge-target-final',
      );
    }
    duplicate.mergedInto = target.id;
    const reason = move.reason ?? `merged into ${target.id}`;
    const merged = await this.move(tx, duplicate, 'cancelled', { ...move, reason });
    await this.addNote(tx, target.id, `ticket ${duplicate.id} merged into this one`, move.by);
    return merged;
  }

  async addNote(
    tx: EntityManager,
    ticketId: string,
    text: string,
    author: string,
  ): Promise<TicketNoteEntity> {
    const ticket = await this.lock(tx, ticketId);
    ticket.version += 1;
    await tx.getRepository(TroubleTicketEntity).save(ticket);
    return tx
      .getRepository(TicketNoteEntity)
      .save({ id: uuidv7(), ticketId, text, author, createdAt: new Date() });
  }

  private async move(
    tx: EntityManager,
    ticket: TroubleTicketEntity,
    to: TicketStatus,
    move: TicketMove,
  ): Promise<TroubleTicketEntity> {
    const from = ticket.status;
    if (!canTransition(from, to)) throw new TicketTransitionError(from, to);
    const at = move.at ?? new Date();
    if (from === 'acknowledged' && !ticket.respondedAt) ticket.respondedAt = at;
    if (to === 'resolved') ticket.resolutionDate = at;
    if (to === 'closed') ticket.closedAt = at;
    if (isReopen(from, to)) {
      // The customer says it is not done: no longer resolved, and for a fault not restored.
      ticket.reopenCount += 1;
      ticket.resolutionDate = null;
      ticket.restoredAt = null;
    }
    ticket.status = to;
    await this.history(tx, ticket.id, from, to, move, at);
    return this.save(tx, ticket, 'statusChanged', from, move, at);
  }

  /** A return visit recorded on a ticket that does not move (no longer resolved): listeners only. */
  async returnVisited(tx: EntityManager, ticket: TroubleTicketEntity, move: TicketMove): Promise<void> {
    await this.emit(tx, 'returnVisited', ticket, ticket.status, move, move.at ?? new Date());
  }

  private async save(
    tx: EntityManager,
    ticket: TroubleTicketEntity,
    kind: TicketEventKind,
    from: TicketStatus,
    move: TicketMove,
    at: Date,
  ): Promise<TroubleTicketEntity> {
    ticket.version += 1;
    const saved = await tx.getRepository(TroubleTicketEntity).save(ticket);
    await this.emit(tx, kind, saved, from, move, at);
    return saved;
  }

  private async emit(
    tx: EntityManager,
    kind: TicketEventKind,
    ticket: TroubleTicketEntity,
    from: TicketStatus | null,
    move: TicketMove,
    at: Date,
  ): Promise<void> {
    await this.events.emit(
      { kind, ticket, from, to: ticket.status, at, by: move.by, reason: move.reason },
      tx,
    );
  }

  private async history(
    tx: EntityManager,
    ticketId: string,
    from: TicketStatus | null,
    to: TicketStatus,
    move: TicketMove,
    at: Date,
  ): Promise<void> {
    await tx.getRepository(TicketStatusChangeEntity).insert({
      id: uuidv7(),
      ticketId,
      fromStatus: from,
      toStatus: to,
      reason: move.reason ?? null,
      changedBy: move.by,
      changedAt: at,
    });
  }

  /** The ticket, row-locked for the rest of `tx` (404 when there is none). */
  async lock(tx: EntityManager, ticketId: string): Promise<TroubleTicketEntity> {
    const ticket = await tx
      .getRepository(TroubleTicketEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.id = :ticketId', { ticketId })
      .getOne();
    if (!ticket) throw new NotFoundError(`trouble ticket ${ticketId} not found`, 'trouble-ticket.not-found');
    return ticket;
  }
}
