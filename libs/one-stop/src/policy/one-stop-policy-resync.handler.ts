import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type OneStopPolicyResyncRequest, OneStopPolicyResyncRequestSchema } from '@kaf/contracts';
import { TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { policyOfRow } from './one-stop-policy.codec';
import { OneStopPolicyPublisher } from './one-stop-policy.publisher';
import { latest } from './one-stop-policy.service';

/** National: answers a province's or city's request by publishing the current policy to it. */
@Injectable()
export class OneStopPolicyResyncHandler implements OnModuleInit {
  private readonly logger = new Logger(OneStopPolicyResyncHandler.name);

  constructor(
    private readonly registry: MessageHandlerRegistry,
    private readonly publisher: OneStopPolicyPublisher,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(OneStopPolicyResyncRequestSchema, (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(
    request: OneStopPolicyResyncRequest,
    message: InboundMessage,
    tx: EntityManager,
  ): Promise<void> {
    const tier = this.topology.find(message.source)?.tier;
    if ((tier !== 'province' && tier !== 'city') || request.requestedBy !== message.source) {
      throw new PermanentMessageError(
        `one-stop policy resync for ${JSON.stringify(request.requestedBy)} asked by ${message.source}: only a province or city asks, for itself`,
      );
    }
    const row = await latest(tx);
    // Nothing set yet: the node keeps its defaults and receives the first version with everyone.
    if (!row) {
      this.logger.log({ msg: 'one-stop policy resync: no policy set yet', requestedBy: message.source });
      return;
    }
    await this.publisher.publish(tx, policyOfRow(row), [message.source]);
  }
}
