import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Gauge } from 'prom-client';

@Injectable()
export class UsageReportingMetrics {
  readonly cellsReported: Counter;
  readonly reportMessages: Counter;
  readonly backlog: Gauge;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.cellsReported = new Counter({
      name: 'kaf_usage_cells_reported_total',
      help: 'Monthly usage cells written to the outbox for the province (resyncs included)',
      registers,
    });
    this.reportMessages = new Counter({
      name: 'kaf_usage_report_messages_total',
      help: 'CustomerUsageReport messages written to the outbox for the province',
      registers,
    });
    this.backlog = new Gauge({
      name: 'kaf_usage_report_backlog',
      help: 'Monthly usage cells changed since they were last reported',
      registers,
    });
  }
}
