import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

@Injectable()
export class MessagingMetrics {
  readonly relayed: Counter<'topic'>;
  readonly relayErrors: Counter;
  readonly outboxBacklog: Gauge;
  readonly handled: Counter<'type'>;
  readonly duplicates: Counter;
  readonly handlerFailures: Counter<'type'>;
  readonly deadLetters: Counter<'type'>;
  readonly handleSeconds: Histogram<'type'>;
  readonly endToEndSeconds: Histogram;
  readonly consumerLag: Gauge;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.relayed = new Counter({
      name: 'kaf_outbox_relayed_total',
      help: 'Outbox messages acknowledged by the broker',
      labelNames: ['topic'],
      registers,
    });
    this.relayErrors = new Counter({
      name: 'kaf_outbox_relay_errors_total',
      help: 'Relay batches that failed and will be retried',
      registers,
    });
    this.outboxBacklog = new Gauge({
      name: 'kaf_outbox_backlog',
      help: 'Outbox messages not yet acknowledged by the broker',
      registers,
    });
    this.handled = new Counter({
      name: 'kaf_inbox_handled_total',
      help: 'Inbound messages handled and committed',
      labelNames: ['type'],
      registers,
    });
    this.duplicates = new Counter({
      name: 'kaf_inbox_duplicates_total',
      help: 'Inbound messages skipped because their id was already handled',
      registers,
    });
    this.handlerFailures = new Counter({
      name: 'kaf_inbox_handler_failures_total',
      help: 'Handler attempts that threw',
      labelNames: ['type'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'kaf_inbox_dead_letters_total',
      help: 'Inbound messages parked in the dead-letter table after exhausting retries',
      labelNames: ['type'],
      registers,
    });
    this.handleSeconds = new Histogram({
      name: 'kaf_inbox_handle_seconds',
      help: 'Time to handle one chunk of inbound messages in one transaction',
      labelNames: ['type'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.endToEndSeconds = new Histogram({
      name: 'kaf_message_delivery_seconds',
      help: 'From outbox write at the sender to handler commit here',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'kaf_inbox_consumer_lag',
      help: 'Messages in this node inbox topic not yet committed',
      registers,
    });
  }
}
