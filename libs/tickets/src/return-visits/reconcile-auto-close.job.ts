import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import { AutoCloseReconciler } from './auto-close.reconciler';
import {
  RECONCILE_AUTO_CLOSE_JOB,
  TICKET_AUTO_CLOSE_RECONCILE_QUEUE,
  TICKETS_OPTIONS,
  type TicketsOptions,
} from './tickets-queues';

/** A reconcile pass every `autoCloseReconcileIntervalMs`. */
export const reconcileAutoCloseSchedule = keptJobSchedule<TicketsOptions>({
  queue: TICKET_AUTO_CLOSE_RECONCILE_QUEUE,
  job: RECONCILE_AUTO_CLOSE_JOB,
  options: TICKETS_OPTIONS,
  everyMs: (options) => options.autoCloseReconcileIntervalMs,
});

@Processor(TICKET_AUTO_CLOSE_RECONCILE_QUEUE, { concurrency: 1 })
export class ReconcileAutoCloseJob extends WorkerHost {
  constructor(private readonly reconciler: AutoCloseReconciler) {
    super();
  }

  async process(): Promise<{ added: number }> {
    return { added: await this.reconciler.reconcile() };
  }
}
