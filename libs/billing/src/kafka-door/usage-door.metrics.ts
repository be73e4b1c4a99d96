import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** booked and duplicate at a city; routed (sent on to its city) at a province; parked at both. */
export type DoorOutcome = 'booked' | 'duplicate' | 'routed' | 'parked';

@Injectable()
export class UsageDoorMetrics {
  readonly events: Counter<'outcome'>;
  readonly chunkSeconds: Histogram;
  readonly transientFailures: Counter;
  readonly consumerLag: Gauge;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.events = new Counter({
      name: 'kaf_billing_usage_door_events_total',
      help: 'Events taken in by the billing door (topic, or routed from the province), by outcome (booked, duplicate, routed, parked)',
      labelNames: ['outcome'],
      registers,
    });
    this.chunkSeconds = new Histogram({
      name: 'kaf_billing_usage_door_chunk_seconds',
      help: 'Time to book (city) or route (province) one chunk of events from the topic in one transaction',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.transientFailures = new Counter({
      name: 'kaf_billing_usage_door_transient_failures_total',
      help: 'Chunks rolled back by a transient database error and tried again, uncommitted',
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'kaf_billing_usage_door_consumer_lag',
      help: "Messages on this node's billing-usage topic not yet committed",
      registers,
    });
  }

  count(outcome: DoorOutcome, n: number): void {
    if (n > 0) this.events.inc({ outcome }, n);
  }
}
