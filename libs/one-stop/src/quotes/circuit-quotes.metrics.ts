import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter } from 'prom-client';

@Injectable()
export class CircuitQuotesMetrics {
  readonly requested: Counter;
  readonly settled: Counter<'state'>;
  readonly replies: Counter<'outcome'>;
  readonly timedOut: Counter;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.requested = new Counter({
      name: 'kaf_circuit_quotes_requested_total',
      help: 'Circuit quotes requested at this home city',
      registers,
    });
    this.settled = new Counter({
      name: 'kaf_circuit_quotes_settled_total',
      help: 'Circuit quotes whose every line was answered, by the state reached (quoted, infeasible)',
      labelNames: ['state'],
      registers,
    });
    this.replies = new Counter({
      name: 'kaf_circuit_quote_replies_received_total',
      help: 'Quote replies from segment nodes: applied to a line, a repeat of a line already answered, or late (the quote timed out before it)',
      labelNames: ['outcome'],
      registers,
    });
    this.timedOut = new Counter({
      name: 'kaf_circuit_quotes_timed_out_total',
      help: 'Circuit quotes made infeasible because a segment node did not answer within the policy’s time',
      registers,
    });
  }
}
