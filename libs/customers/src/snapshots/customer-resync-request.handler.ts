import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CustomerResyncRequest, CustomerResyncRequestSchema } from '@kaf/contracts';
import { FederatedHandlers } from '@kaf/federation';
import type { InboundMessage } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { CustomerResyncs } from './customer-resyncs';
import { CustomerSnapshotPublisher } from './customer-snapshot.publisher';

/**
 * A parent province or the national node asks for every snapshot again (its read model was
 * rebuilt, or reconciliation found a gap). The answer goes to whoever sent the request; what other
 * capabilities registered with `CustomerResyncs` is re-sent with it.
 */
@Injectable()
export class CustomerResyncRequestHandler implements OnModuleInit {
  private readonly logger = new Logger(CustomerResyncRequestHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly publisher: CustomerSnapshotPublisher,
    private readonly resyncs: CustomerResyncs,
  ) {}

  onModuleInit(): void {
    this.handlers.on(CustomerResyncRequestSchema, ['parent', 'national'], (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(_request: CustomerResyncRequest, message: InboundMessage, tx: EntityManager): Promise<void> {
    const sent = await this.publisher.resend(tx, message.source);
    await this.resyncs.notify(tx, message.source);
    this.logger.log({ msg: 'customer snapshots re-sent', requester: message.source, customers: sent });
  }
}
