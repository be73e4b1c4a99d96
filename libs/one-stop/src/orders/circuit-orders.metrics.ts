import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Histogram } from 'prom-client';

/** Metrics of the home city's circuit orders. */
@Injectable()
export class CircuitOrdersMetrics {
  readonly transitions: Counter<'from' | 'to'>;
  readonly escalations: Counter<'role'>;
  readonly segmentAcknowledged: Histogram<'role'>;
  readonly orderAcknowledged: Histogram;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.transitions = new Counter({
      name: 'kaf_circuit_order_transitions_total',
      help: 'Circuit order state changes at the home city (from "none" at creation)',
      labelNames: ['from', 'to'],
      registers,
    });
    this.escalations = new Counter({
      name: 'kaf_circuit_sla_escalations_total',
      help: 'SLA breaches raised to the coordinator, one per segment attempt',
      labelNames: ['role'],
      registers,
    });
    const buckets = [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60];
    this.segmentAcknowledged = new Histogram({
      name: 'kaf_circuit_segment_ack_seconds',
      help: "Seconds from a segment attempt's dispatch to its node's first status reaching the home city",
      labelNames: ['role'],
      buckets,
      registers,
    });
    this.orderAcknowledged = new Histogram({
      name: 'kaf_circuit_order_ack_seconds',
      help: "Seconds from an order's submission until every first-attempt segment was acknowledged",
      buckets,
      registers,
    });
  }
}
