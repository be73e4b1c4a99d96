import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DeadlineJobHost, deadlinesToken, type DurableDeadlines } from '@kaf/platform';
import { FAULT_CHECK_DEADLINES } from './fault-check-deadlines';

/** Fires when a check's answer is due, and runs the reconcile pass (the durable deadlines' worker). */
@Processor(FAULT_CHECK_DEADLINES.queue, { concurrency: 4 })
export class FaultCheckOverdueJob extends DeadlineJobHost {
  constructor(@Inject(deadlinesToken(FAULT_CHECK_DEADLINES.queue)) deadlines: DurableDeadlines) {
    super(deadlines);
  }
}
