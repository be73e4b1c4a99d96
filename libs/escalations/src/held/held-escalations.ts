import { Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { EscalationAcknowledgedSchema } from '@kaf/contracts';
import { OutboxWriter } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import type { EscalationRecord } from '../escalation-message';
import type { Closing } from '../raised/escalation-raiser';
import type { HeldEscalationRow } from './held-escalation.view';
import { HeldEscalationsRepository } from './held-escalations.repository';

export interface Acknowledgement {
  /** Staff id at this node. */
  by: string;
  at: Date;
  note: string | null;
}

/**
 * The holder's writes a capability may make inside its own transaction: acknowledge (and tell the
 * raiser), and hold or close on the raiser's word when it came by another message (one-stop's
 * order status, and CircuitSlaBreached from a home city not yet upgraded).
 */
@Injectable()
export class HeldEscalations {
  constructor(
    private readonly store: HeldEscalationsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Stores the escalation unless it is there; closed when `closing` is given. True when new. */
  hold(tx: EntityManager, e: EscalationRecord, closing?: Closing): Promise<boolean> {
    return this.store.insert(tx, e, closing);
  }

  /** Closes it unless closed already: true when this call closed it. */
  close(tx: EntityManager, id: string, closing: Closing): Promise<boolean> {
    return this.store.close(tx, id, closing);
  }

  /**
   * Acknowledges `held` (locked by the caller, and open) and sends the acknowledgement to its
   * raiser in the same transaction.
   */
  async acknowledge(
    tx: EntityManager,
    held: HeldEscalationRow,
    ack: Acknowledgement,
  ): Promise<HeldEscalationRow> {
    const row = await this.store.acknowledge(tx, held.id, ack);
    await this.outbox.write(tx, {
      schema: EscalationAcknowledgedSchema,
      payload: create(EscalationAcknowledgedSchema, {
        escalationId: held.id,
        acknowledgedBy: ack.by,
        acknowledgedAt: timestampFromDate(ack.at),
        note: ack.note ?? '',
      }),
      target: held.raised_by,
      key: held.id,
    });
    return row;
  }
}
