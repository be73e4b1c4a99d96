import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketStatus } from './ticket-vocabulary';
import type { TroubleTicketEntity } from './trouble-ticket.entity';

/** `returnVisited`: a return visit recorded while the status stays (a figure of the month moves). */
export type TicketEventKind = 'created' | 'statusChanged' | 'restored' | 'reassigned' | 'returnVisited';

/** What happened to a ticket, told to listeners inside the transaction that wrote it. */
export interface TicketEvent {
  kind: TicketEventKind;
  /** The ticket as it is after the change. */
  ticket: TroubleTicketEntity;
  /** null on 'created'. */
  from: TicketStatus | null;
  /** ticket.status after the change. */
  to: TicketStatus;
  at: Date;
  /** Staff id or a system's name. */
  by: string;
  reason?: string;
}

export type TicketListener = (event: TicketEvent, tx: EntityManager) => Promise<void>;

/**
 * The ticket's listeners (SLA clocks, fault checks, return visits) register in `onModuleInit`
 * and run inside the writing transaction: what they write commits with the change, and a
 * listener that throws aborts it, so a clock never disagrees with its ticket.
 */
@Injectable()
export class TicketEvents {
  private readonly listeners: TicketListener[] = [];

  on(listener: TicketListener): void {
    this.listeners.push(listener);
  }

  /** Runs the listeners one after the other, in the order they registered. */
  async emit(event: TicketEvent, tx: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener(event, tx);
  }
}
