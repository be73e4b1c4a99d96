import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter } from 'prom-client';

@Injectable()
export class CircuitTariffsMetrics {
  readonly quoteReplies: Counter<'feasible'>;

  constructor(metrics: MetricsRegistry) {
    this.quoteReplies = new Counter({
      name: 'kaf_circuit_quote_replies_total',
      help: 'CircuitQuoteReply messages this node wrote to the outbox for home cities, by feasibility',
      labelNames: ['feasible'],
      registers: [metrics.registry],
    });
  }
}
