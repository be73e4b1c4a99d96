import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter } from 'prom-client';

@Injectable()
export class DocumentsMetrics {
  /** Versions received from the parent, by what became of them. */
  readonly received: Counter<'document' | 'outcome'>;

  constructor(metrics: MetricsRegistry) {
    this.received = new Counter({
      name: 'kaf_document_versions_received_total',
      help: 'Document versions received from the parent: applied here, relayed only (this node is not in the audience), or stale (already held)',
      labelNames: ['document', 'outcome'],
      registers: [metrics.registry],
    });
  }
}
