import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** Province: the slice builder's throughput, latency and backlog. */
@Injectable()
export class UsageSlicesMetrics {
  readonly built: Counter;
  readonly sent: Counter;
  readonly failures: Counter;
  readonly buildSeconds: Histogram;
  readonly dirtyBacklog: Gauge;
  private countDirty: (() => Promise<number>) | undefined;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.built = new Counter({
      name: 'kaf_usage_slices_built_total',
      help: 'Cube slices rebuilt from the cities’ detail and committed',
      registers,
    });
    this.sent = new Counter({
      name: 'kaf_usage_slices_sent_total',
      help: 'Cube slices written to the outbox for the national node',
      registers,
    });
    this.failures = new Counter({
      name: 'kaf_usage_slice_build_failures_total',
      help: 'Slice builds that failed and were left dirty for the next round',
      registers,
    });
    this.buildSeconds = new Histogram({
      name: 'kaf_usage_slice_build_seconds',
      help: 'Time to rebuild one slice and queue its report, in one transaction',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.dirtyBacklog = new Gauge({
      name: 'kaf_usage_slice_dirty_backlog',
      help: 'Slices marked dirty and not yet rebuilt',
      registers,
      collect: async () => {
        if (!this.countDirty) return;
        try {
          this.dirtyBacklog.set(await this.countDirty());
        } catch {
          // A scrape during a database outage keeps the last value.
        }
      },
    });
  }

  /** Counts the backlog on every scrape. */
  watchDirtyBacklog(count: () => Promise<number>): void {
    this.countDirty = count;
  }
}
