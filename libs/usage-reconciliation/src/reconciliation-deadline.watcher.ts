import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
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
  private timer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(RECONCILIATION_OPTIONS) private readonly options: ReconciliationOptions,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.max(100, Math.min(1000, Math.floor(this.options.answerTimeoutMs / 4)));
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    try {
      await this.closeOverdue();
    } catch (error) {
      this.logger.warn({ msg: 'closing overdue reconciliation runs failed', error: String(error) });
    } finally {
      this.closing = false;
    }
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
