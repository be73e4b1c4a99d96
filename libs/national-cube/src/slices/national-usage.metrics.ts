import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter } from 'prom-client';

/** National: slices received from the provinces, by what became of them. */
@Injectable()
export class NationalUsageMetrics {
  readonly slices: Counter<'outcome'>;

  constructor(metrics: MetricsRegistry) {
    this.slices = new Counter({
      name: 'kaf_usage_slices_received_total',
      help: 'Province slices received: applied, stale (version not newer, ignored) or refused',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }
}
