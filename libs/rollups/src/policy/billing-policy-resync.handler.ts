import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type BillingPolicyResyncRequest, BillingPolicyResyncRequestSchema } from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { BillingPolicyPublisher } from './billing-policy.publisher';
import { latest } from './billing-policy.service';

/** National: answers a province's or city's request by publishing the current policy to it. */
@Injectable()
export class BillingPolicyResyncHandler implements OnModuleInit {
  private readonly logger = new Logger(BillingPolicyResyncHandler.name);

  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly publisher: BillingPolicyPublisher,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(BillingPolicyResyncRequestSchema, (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(
    request: BillingPolicyResyncRequest,
    message: InboundMessage,
    tx: EntityManager,
  ): Promise<void> {
    const tier = this.topology.find(message.source)?.tier;
    if ((tier !== 'province' && tier !== 'city') || request.requestedBy !== message.source) {
      throw new PermanentMessageError(
        `billing policy resync for ${JSON.stringify(request.requestedBy)} asked by ${message.source}: only a province or city asks, for itself`,
      );
    }
    const policy = await latest(tx);
    // Nothing set yet: the node keeps its defaults and receives the first version with everyone.
    if (!policy) {
      this.logger.log({ msg: 'billing policy resync: no policy set yet', requestedBy: message.source });
      return;
    }
    await this.publisher.publish(tx, policy, [message.source]);
  }
}
