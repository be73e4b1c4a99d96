import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter } from 'prom-client';

/** National node: circuit versions registered for settlement and the records runs write. */
@Injectable()
export class SettlementMetrics {
  readonly circuits: Counter<'outcome'>;
  readonly records: Counter<'trigger'>;

  constructor(metrics: MetricsRegistry) {
    this.circuits = new Counter({
      name: 'kaf_one_stop_circuits_registered_total',
      help: 'Circuit versions received (add, change, cease): registered, duplicate (already held, ignored) or refused',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    this.records = new Counter({
      name: 'kaf_one_stop_settlement_records_total',
      help: 'Settlement records written by runs, by what started the run',
      labelNames: ['trigger'],
      registers: [metrics.registry],
    });
  }
}
