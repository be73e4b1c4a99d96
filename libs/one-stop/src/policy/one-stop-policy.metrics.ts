import { Inject, Injectable } from '@nestjs/common';
import { MetricsRegistry } from '@kaf/observability';
import { Gauge } from 'prom-client';
import { ONE_STOP_POLICY_READER, type OneStopPolicyReader } from './one-stop-policy.reader';

@Injectable()
export class OneStopPolicyMetrics {
  constructor(metrics: MetricsRegistry, @Inject(ONE_STOP_POLICY_READER) reader: OneStopPolicyReader) {
    new Gauge({
      name: 'kaf_one_stop_policy_version',
      help: 'Version of the one-stop policy in force at this node (0: configured defaults)',
      registers: [metrics.registry],
      async collect() {
        // A scrape while the database is away keeps the last value rather than failing /metrics.
        const policy = await reader.current().catch(() => undefined);
        if (policy) this.set(Number(policy.version));
      },
    });
  }
}
