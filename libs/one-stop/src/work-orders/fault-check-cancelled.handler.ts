import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type FaultCheckCancelled, FaultCheckCancelledSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { UUID } from '../domain/home-city-sender';
import { isOpenFaultCheck } from './fault-check-actions';
import { SYSTEM_ACTOR, WorkOrderRepository } from './work-order.repository';

/**
 * The ticket ended before the check did: an open check's work order is cancelled. One already
 * answered or cancelled stays as it is, so a redelivery changes nothing.
 */
@Injectable()
export class FaultCheckCancelledHandler implements OnModuleInit {
  private readonly logger = new Logger(FaultCheckCancelledHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: WorkOrderRepository,
  ) {}

  onModuleInit(): void {
    // The check's home city, checked against the stored work order below.
    this.handlers.on(FaultCheckCancelledSchema, 'any', (cancel, message, tx) =>
      this.handle(cancel, message, tx),
    );
  }

  async handle(cancel: FaultCheckCancelled, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (!UUID.test(cancel.checkId))
      throw new PermanentMessageError('fault check cancel: check_id is not a UUID');
    const row = await this.store.checkOf(tx, cancel.checkId.toLowerCase());
    if (!row) {
      // Checks and their cancels are keyed by ticket: a cancel without its check was refused here.
      this.logger.warn({
        msg: 'cancel of an unknown fault check',
        checkId: cancel.checkId,
        source: message.source,
      });
      return;
    }
    if (row.homeNode !== message.source) {
      throw new PermanentMessageError(
        `fault check ${row.checkId} belongs to ${row.homeNode}; ${message.source} may not cancel it`,
      );
    }
    if (!isOpenFaultCheck(row.state)) return;
    const reason = cancel.reason.replaceAll('\u0000', '').trim() || 'the ticket ended';
    await this.store.move(tx, row, 'cancelled', reason, SYSTEM_ACTOR);
  }
}
