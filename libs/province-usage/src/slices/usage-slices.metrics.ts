import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Histogram } from 'prom-client';

/**
 * Province: the slice builder's throughput and latency (what waits, what is sent and what fails
 * are the reporter's `kaf_figures_*{measure="usage"}`).
 */
@Injectable()
export class UsageSlicesMetrics {
  readonly built: Counter;
  readonly buildSeconds: Histogram;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.built = new Counter({
      name: 'kaf_usage_slices_built_total',
      help: 'Cube slices rebuilt from the cities’ detail and committed',
      registers,
    });
    this.buildSeconds = new Histogram({
      name: 'kaf_usage_slice_build_seconds',
      help: 'Time to rebuild one slice and queue its report, in one transaction',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }
}
