import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PeriodicTask } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation.options';

/**
 * Closes runs whose deadline has passed: partial when a child has not answered, complete when
 * all have. Runs held by an answer being recorded are skipped and closed at the next tick; runs
 * left open by a stopped node are closed after its restart.
 */
@Injectable()
export class ReconciliationDeadlineWatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconciliationDeadlineWatcher.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RECONCILIATION_OPTIONS) options: ReconciliationOptions,
  ) {
    const everyMs = Math.max(100, Math.min(1000, Math.floor(options.answerTimeoutMs / 4)));
    this.task = new PeriodicTask({ name: 'closing overdue reconciliation runs', everyMs }, async () => {
      await this.closeOverdue();
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.task.stop();
  }

  /** Returns the runs closed. */
  async closeOverdue(): Promise<{ id: string; status: string }[]> {
    return this.dataSource.transaction(async (tx) => {
      const overdue: { id: string }[] = await tx.query(
        `SELECT id FROM reconciliation_run
          WHERE status = 'running' AND deadline_at <= now()
          FOR UPDATE SKIP LOCKED`,
      );
      if (overdue.length === 0) return [];
      // A statement of its own after the lock: it sees every answer committed before it.
      const closed: { id: string; status: string }[] = await tx.query(
        `UPDATE reconciliation_run r
            SET finished_at = now(),
                status = CASE WHEN EXISTS (
                  SELECT 1 FROM reconciliation_child c WHERE c.run_id = r.id AND c.answered_at IS NULL)
                  THEN 'partial' ELSE 'complete' END
          WHERE r.id = ANY($1::uuid[])
          RETURNING r.id, r.status`,
        [overdue.map((r) => r.id)],
      );
      for (const run of closed) this.logger.log({ msg: 'reconciliation run closed at its deadline', ...run });
      return closed;
    });
  }
}
