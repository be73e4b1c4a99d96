import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Counter, Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/** Work orders entering each state, and the open ones by state at scrape time. */
@Injectable()
export class WorkOrdersMetrics {
  readonly transitions: Counter<'state'>;
  readonly open: Gauge<'state'>;

  constructor(metrics: MetricsRegistry, dataSource: DataSource) {
    const registers = [metrics.registry];
    this.transitions = new Counter({
      name: 'kaf_one_stop_work_orders_total',
      help: 'Work orders entering a state at this node (creation included)',
      labelNames: ['state'],
      registers,
    });
    this.open = new Gauge({
      name: 'kaf_one_stop_work_orders_open',
      help: 'Work orders at this node still open (acknowledged, accepted, inProgress, pending), by state',
      labelNames: ['state'],
      registers,
      // Counted over the partial index of open work orders, so a scrape stays cheap.
      collect: async () => {
        try {
          const rows = await dataSource.query<{ state: string; n: number }[]>(
            `SELECT state, count(*)::int AS n FROM one_stop_work_order
              WHERE state IN ('acknowledged', 'accepted', 'inProgress', 'pending') GROUP BY state`,
          );
          this.open.reset();
          for (const state of ['acknowledged', 'accepted', 'inProgress', 'pending']) {
            this.open.set({ state }, rows.find((r) => r.state === state)?.n ?? 0);
          }
        } catch {
          // A scrape during a database outage keeps the last values.
        }
      },
    });
  }
}
