import { Inject, Injectable } from '@nestjs/common';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { type InboundMessage, MessageHandlerRegistry } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { NODE_IDENTITY, TOPOLOGY, type NodeIdentity } from '../node-identity';
import type { Topology } from '../topology/topology';
import { senderCheck, type SenderRule } from './sender-rules';

/**
 * Registers inbox handlers together with who may send them; forged senders are dead-lettered by
 * the inbox before the handler runs. The only way a capability registers a handler, so no
 * handler can forget to say whom it trusts.
 */
@Injectable()
export class FederatedHandlers {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  on<Desc extends DescMessage>(
    schema: Desc,
    senders: SenderRule | readonly SenderRule[],
    handler: (payload: MessageShape<Desc>, message: InboundMessage, tx: EntityManager) => Promise<void>,
  ): void {
    this.registry.on(schema, handler, { accept: this.guard(senders) });
  }

  onBatch<Desc extends DescMessage>(
    schema: Desc,
    senders: SenderRule | readonly SenderRule[],
    handler: (
      items: readonly { payload: MessageShape<Desc>; message: InboundMessage }[],
      tx: EntityManager,
    ) => Promise<void>,
  ): void {
    this.registry.onBatch(schema, handler, { accept: this.guard(senders) });
  }

  private guard(
    senders: SenderRule | readonly SenderRule[],
  ): (message: InboundMessage) => string | undefined {
    const check = senderCheck(senders, this.identity.code, this.topology);
    return (message) => check(message.source);
  }
}
