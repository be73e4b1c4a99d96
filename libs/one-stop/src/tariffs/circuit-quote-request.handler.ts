import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { type CircuitQuoteRequest, CircuitQuoteReplySchema, CircuitQuoteRequestSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { type InboundMessage, OutboxWriter, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { isCircuitProduct } from '../domain/circuit-products';
import { CircuitTariffsMetrics } from './circuit-tariffs.metrics';
import { CircuitTariffsService } from './circuit-tariffs.service';
import { answerQuote } from './quote-answer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every node that can carry a segment: answers a home city's quote request from its tariff in
 * force. Nothing is stored here: a repeated request is answered again, and the home city keeps
 * the first answer of each line.
 */
@Injectable()
export class CircuitQuoteRequestHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly outbox: OutboxWriter,
    private readonly tariffs: CircuitTariffsService,
    private readonly metrics: CircuitTariffsMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    // Sideways work: the sender's part in this order is checked against the order below.
    this.handlers.on(CircuitQuoteRequestSchema, 'any', (request, message, tx) =>
      this.handle(request, message, tx),
    );
  }

  async handle(request: CircuitQuoteRequest, message: InboundMessage, tx: EntityManager): Promise<void> {
    // Only the customer's home city asks, for its own quotes: an answer goes back to the asker.
    if (this.topology.find(message.source)?.tier !== 'city' || request.homeNode !== message.source) {
      throw new PermanentMessageError(
        `circuit quote request for home node ${JSON.stringify(request.homeNode)} sent by ${message.source}: only the home city asks`,
      );
    }
    if (!UUID.test(request.quoteId)) {
      throw new PermanentMessageError(
        `circuit quote request with quote id ${JSON.stringify(request.quoteId)}`,
      );
    }
    const tariff = isCircuitProduct(request.product) ? await this.tariffs.current(request.product, tx) : null;
    const answer = answerQuote(request, this.identity.code, this.topology, tariff);
    await this.outbox.write(tx, {
      schema: CircuitQuoteReplySchema,
      payload: create(CircuitQuoteReplySchema, {
        quoteId: request.quoteId,
        role: request.role,
        nodeCode: this.identity.code,
        ...answer,
      }),
      target: message.source,
      key: request.quoteId,
    });
    this.metrics.quoteReplies.inc({ feasible: String(answer.feasible) });
  }
}
