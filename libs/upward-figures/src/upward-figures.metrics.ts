import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Gauge } from 'prom-client';

/** Figures reported upward, by measure: the child's reporting and the parent's receiving. */
@Injectable()
export class UpwardFiguresMetrics {
  readonly cellsReported: Counter<'measure'>;
  readonly reportMessages: Counter<'measure'>;
  readonly reportFailures: Counter<'measure'>;
  readonly backlog: Gauge<'measure'>;
  readonly cellsReceived: Counter<'measure' | 'outcome'>;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.cellsReported = new Counter({
      name: 'kaf_figures_cells_reported_total',
      help: 'Cells written to the outbox for the parent (resyncs included)',
      labelNames: ['measure'],
      registers,
    });
    this.reportMessages = new Counter({
      name: 'kaf_figures_report_messages_total',
      help: 'FiguresReported messages written to the outbox for the parent',
      labelNames: ['measure'],
      registers,
    });
    this.reportFailures = new Counter({
      name: 'kaf_figures_report_failures_total',
      help: 'Report rounds or cells whose taking failed (rolled back, retried later)',
      labelNames: ['measure'],
      registers,
    });
    this.backlog = new Gauge({
      name: 'kaf_figures_report_backlog',
      help: 'Cells waiting to be reported to the parent, as of the last round',
      labelNames: ['measure'],
      registers,
    });
    this.cellsReceived = new Counter({
      name: 'kaf_figures_cells_received_total',
      help: 'Cells received from children: applied (changed the copy), stale (version not above the one held) or refused (the message was dead-lettered)',
      labelNames: ['measure', 'outcome'],
      registers,
    });
  }
}
