import { Processor, WorkerHost } from '@nestjs/bullmq';
import { keptJobSchedule } from '@kaf/platform';
import type { Job } from 'bullmq';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../../one-stop.options';
import { QUOTE_RECONCILE_QUEUE, RECONCILE_QUOTE_TIMERS_JOB } from './quote-timeout-queues';
import { QuoteTimerReconciler } from './quote-timer.reconciler';

/** A reconcile pass every `slaReconcileIntervalMs`, the one-stop timers' interval (besides the one at boot). */
export const reconcileQuoteTimersSchedule = keptJobSchedule<OneStopOptions>({
  queue: QUOTE_RECONCILE_QUEUE,
  job: RECONCILE_QUOTE_TIMERS_JOB,
  options: ONE_STOP_OPTIONS,
  everyMs: (options) => options.slaReconcileIntervalMs,
});

/** One reconciliation pass per tick of the job scheduler. */
@Processor(QUOTE_RECONCILE_QUEUE, { concurrency: 1 })
export class ReconcileQuoteTimersJob extends WorkerHost {
  constructor(private readonly reconciler: QuoteTimerReconciler) {
    super();
  }

  async process(_job: Job<Record<string, never>>): Promise<{ added: number; timedOut: number }> {
    return this.reconciler.reconcile();
  }
}
