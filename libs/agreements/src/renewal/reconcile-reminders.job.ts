import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import type { Job } from 'bullmq';
import { RECONCILE_REMINDERS_JOB, REMINDER_RECONCILE_QUEUE } from '../agreements-queues';
import { AGREEMENTS_OPTIONS, type AgreementsOptions } from '../agreements.options';
import { RenewalReminderReconciler } from './renewal-reminder.reconciler';

export type ReconcileRemindersJobData = Record<string, never>;

/** A reconcile pass every `reminderReconcileIntervalMs` (besides the one at boot). */
export const reconcileRemindersSchedule = keptJobSchedule<AgreementsOptions>({
  queue: REMINDER_RECONCILE_QUEUE,
  job: RECONCILE_REMINDERS_JOB,
  options: AGREEMENTS_OPTIONS,
  everyMs: (options) => options.reminderReconcileIntervalMs,
});

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
