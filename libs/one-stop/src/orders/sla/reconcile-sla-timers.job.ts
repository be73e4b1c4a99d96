import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { SLA_RECONCILE_QUEUE } from '../circuit-orders-queues';
import { SlaTimerReconciler } from './sla-timer.reconciler';

export type ReconcileSlaTimersJobData = Record<string, never>;

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
