import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import type { Job } from 'bullmq';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../../one-stop.options';
import { RECONCILE_SLA_TIMERS_JOB, SLA_RECONCILE_QUEUE } from '../circuit-orders-queues';
import { SlaTimerReconciler } from './sla-timer.reconciler';

export type ReconcileSlaTimersJobData = Record<string, never>;

/** A reconcile pass every `slaReconcileIntervalMs` (besides the one at boot). */
export const reconcileSlaTimersSchedule = keptJobSchedule<OneStopOptions>({
  queue: SLA_RECONCILE_QUEUE,
  job: RECONCILE_SLA_TIMERS_JOB,
  options: ONE_STOP_OPTIONS,
  everyMs: (options) => options.slaReconcileIntervalMs,
});

/** One reconciliation pass per tick of the job scheduler. */
@Processor(SLA_RECONCILE_QUEUE, { concurrency: 1 })
export class ReconcileSlaTimersJob extends WorkerHost {
  constructor(private readonly reconciler: SlaTimerReconciler) {
    super();
  }

  async process(_job: Job<ReconcileSlaTimersJobData>): Promise<{ added: number; escalated: number }> {
    return this.reconciler.reconcile();
  }
}
