import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import { PeriodicTask } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { usageReportMessages } from './reported-cell';
import { MonthlyUsageRepository } from '../monthly/monthly-usage.repository';
import { USAGE_REPORTING_OPTIONS, type UsageReportingOptions } from './usage-reporting.options';
import { UsageReportingMetrics } from './usage-reporting.metrics';

/**
 * Reports changed monthly cells to the parent province, debounced: a change waits at most one
 * interval, and a backlog of a full message is sent at once. The state lives in the table
 * (`version > reported_version`), so a restart simply carries on and nothing is lost: the mark
 * and the outbox rows commit together.
 */
@Injectable()
export class UsageReporter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageReporter.name);
  private task: PeriodicTask | undefined;
  private waitingSince: number | undefined;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MonthlyUsageRepository,
    private readonly outbox: OutboxWriter,
    private readonly metrics: UsageReportingMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(USAGE_REPORTING_OPTIONS) private readonly options: UsageReportingOptions,
  ) {}

  onApplicationBootstrap(): void {
    const province = this.identity.parentCode;
    if (!province) return;
    const everyMs = Math.max(10, Math.floor(this.options.intervalMs / 4));
    this.task = new PeriodicTask({ name: 'usage report round', everyMs, firstRunAfterMs: 0 }, () =>
      this.round(province, everyMs),
    );
    this.task.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task?.stop();
  }

  /** One look at the backlog; returns the pause before the next (0: go round again at once). */
  private async round(province: string, tick: number): Promise<number> {
    try {
      const pause = await this.reportIfDue(province, tick);
      this.failures = 0;
      return pause;
    } catch (error) {
      this.failures += 1;
      const delay = Math.min(5000, 100 * 2 ** Math.min(this.failures, 6));
      this.logger.warn({ msg: 'usage report round failed; retrying', error: String(error), delayMs: delay });
      return delay;
    }
  }

  private async reportIfDue(province: string, tick: number): Promise<number> {
    const backlog = await this.repository.backlog(this.dataSource.manager);
    this.metrics.backlog.set(backlog);
    if (backlog === 0) {
      this.waitingSince = undefined;
      return tick;
    }
    this.waitingSince ??= Date.now();
    const due = Date.now() - this.waitingSince >= this.options.intervalMs;
    if (!due && backlog < this.options.cellsPerMessage) return tick;
    const sent = await this.flush(province);
    this.waitingSince = undefined;
    // Go round again at once unless every waiting cell was held by someone else.
    return sent > 0 ? 0 : tick;
  }

  /** Sends the backlog, a transaction per round of cells; returns the cells sent. */
  private async flush(province: string): Promise<number> {
    let total = 0;
    for (;;) {
      const round = await this.dataSource.transaction(async (tx) => {
        const rows = await this.repository.take(tx, this.options.cellsPerRound);
        const messages = usageReportMessages(
          this.identity.code,
          province,
          rows,
          this.options.cellsPerMessage,
        );
        await this.outbox.writeMany(tx, messages);
        return { cells: rows.length, messages: messages.length };
      });
      this.metrics.cellsReported.inc(round.cells);
      this.metrics.reportMessages.inc(round.messages);
      total += round.cells;
      if (round.cells < this.options.cellsPerRound || !this.task?.running) return total;
    }
  }
}
