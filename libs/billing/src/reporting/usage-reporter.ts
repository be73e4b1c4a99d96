import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
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
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MonthlyUsageRepository,
    private readonly outbox: OutboxWriter,
    private readonly metrics: UsageReportingMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(USAGE_REPORTING_OPTIONS) private readonly options: UsageReportingOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.identity.parentCode) return;
    this.running = true;
    this.loop = this.run(this.identity.parentCode);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(province: string): Promise<void> {
    const tick = Math.max(10, Math.floor(this.options.intervalMs / 4));
    let waitingSince: number | undefined;
    let failures = 0;
    while (this.running) {
      let delay = tick;
      try {
        const backlog = await this.repository.backlog(this.dataSource.manager);
        this.metrics.backlog.set(backlog);
        if (backlog === 0) {
          waitingSince = undefined;
        } else {
          waitingSince ??= Date.now();
          const due = Date.now() - waitingSince >= this.options.intervalMs;
          if (due || backlog >= this.options.cellsPerMessage) {
            const sent = await this.flush(province);
            waitingSince = undefined;
            // Go round again at once unless every waiting cell was held by someone else.
            if (sent > 0) delay = 0;
          }
        }
        failures = 0;
      } catch (error) {
        failures += 1;
        delay = Math.min(5000, 100 * 2 ** Math.min(failures, 6));
        this.logger.warn({
          msg: 'usage report round failed; retrying',
          error: String(error),
          delayMs: delay,
        });
      }
      if (delay > 0) await this.sleep(delay);
    }
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
      if (round.cells < this.options.cellsPerRound || !this.running) return total;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
