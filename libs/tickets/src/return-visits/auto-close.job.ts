import { Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DeadlineJobHost, deadlinesToken, type DurableDeadlines } from '@kaf/platform';
import { AUTO_CLOSE_DEADLINES } from './auto-close.deadlines';

/** Closes resolved tickets at their auto-close deadline, and runs the reconcile pass. */
@Processor(AUTO_CLOSE_DEADLINES.queue, { concurrency: 4 })
export class AutoCloseJob extends DeadlineJobHost {
  constructor(@Inject(deadlinesToken(AUTO_CLOSE_DEADLINES.queue)) deadlines: DurableDeadlines) {
    super(deadlines);
  }
}
