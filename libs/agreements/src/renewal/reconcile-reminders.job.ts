import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { REMINDER_RECONCILE_QUEUE } from '../agreements-queues';
import { RenewalReminderReconciler } from './renewal-reminder.reconciler';

export type ReconcileRemindersJobData = Record<string, never>;

/** One reconciliation pass per tick of the job scheduler. */
@Processor(REMINDER_RECONCILE_QUEUE, { concurrency: 1 })
export class ReconcileRemindersJob extends WorkerHost {
  constructor(private readonly reconciler: RenewalReminderReconciler) {
    super();
  }

  async process(_job: Job<ReconcileRemindersJobData>): Promise<{ added: number }> {
    return { added: await this.reconciler.reconcile() };
  }
}
