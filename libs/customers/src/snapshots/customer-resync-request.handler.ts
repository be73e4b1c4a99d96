import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type CustomerResyncRequest, CustomerResyncRequestSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { CustomerSnapshotPublisher } from './customer-snapshot.publisher';

/**
 * A parent province or the national node asks for every snapshot again (its read model was
 * rebuilt, or reconciliation found a gap). The answer goes to whoever sent the request.
 */
@Injectable()
export class CustomerResyncRequestHandler implements OnModuleInit {
  private readonly logger = new Logger(CustomerResyncRequestHandler.name);

  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly publisher: CustomerSnapshotPublisher,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(CustomerResyncRequestSchema, (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(_request: CustomerResyncRequest, message: InboundMessage, tx: EntityManager): Promise<void> {
    const source = this.topology.find(message.source);
    const allowed = source && (source.code === this.identity.parentCode || source.tier === 'national');
    if (!allowed) {
      throw new PermanentMessageError(
        `customer resync requested by ${message.source}, which is neither the parent of ${this.identity.code} nor the national node`,
      );
    }
    const sent = await this.publisher.resend(tx, message.source);
    this.logger.log({ msg: 'customer snapshots re-sent', requester: message.source, customers: sent });
  }
}
