import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter } from 'prom-client';

/** Coordinator: what the home cities report, and the escalations they raise. */
@Injectable()
export class CoordinationMetrics {
  readonly escalations: Counter;
  readonly statuses: Counter<'outcome'>;

  constructor(metrics: MetricsRegistry) {
    this.escalations = new Counter({
      name: 'kaf_one_stop_escalations_received_total',
      help: 'SLA breaches that raised a new escalation here (re-sent breaches are not counted again)',
      registers: [metrics.registry],
    });
    this.statuses = new Counter({
      name: 'kaf_one_stop_order_statuses_received_total',
      help: 'Circuit order statuses received: applied, stale (version not newer, ignored) or refused',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }
}
