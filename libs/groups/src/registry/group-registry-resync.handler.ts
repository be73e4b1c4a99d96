import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type GroupRegistryResyncRequest, GroupRegistryResyncRequestSchema } from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { GroupCustomerEntity } from './group-customer.entity';
import { GroupRegistryPublisher } from './group-registry.publisher';

/** Answers a city's resync request by publishing every registry entry to that city again. */
@Injectable()
export class GroupRegistryResyncHandler implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly publisher: GroupRegistryPublisher,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(GroupRegistryResyncRequestSchema, (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(
    request: GroupRegistryResyncRequest,
    message: InboundMessage,
    tx: EntityManager,
  ): Promise<void> {
    if (this.topology.find(message.source)?.tier !== 'city' || request.requestedBy !== message.source) {
      throw new PermanentMessageError(
        `group registry resync for ${JSON.stringify(request.requestedBy)} asked by ${message.source}: only a city asks, for itself`,
      );
    }
    // Read in the handler's transaction: the answer is a consistent snapshot of the registry.
    const groups = await tx.getRepository(GroupCustomerEntity).find({ order: { groupCode: 'ASC' } });
    await this.publisher.publish(tx, groups, [message.source]);
  }
}
