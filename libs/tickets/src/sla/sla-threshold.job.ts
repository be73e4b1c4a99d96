import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DeadlineJobHost, deadlinesToken, type DurableDeadlines } from '@kaf/platform';
import { SLA_DEADLINES } from './sla-deadlines';

/** Fires at a clock's next threshold, and runs the reconcile pass (the durable deadlines' worker). */
@Processor(SLA_DEADLINES.queue, { concurrency: 8 })
export class SlaThresholdJob extends DeadlineJobHost {
  constructor(@Inject(deadlinesToken(SLA_DEADLINES.queue)) deadlines: DurableDeadlines) {
    super(deadlines);
  }
}
