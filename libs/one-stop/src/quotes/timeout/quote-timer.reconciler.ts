import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QuoteTimeoutChecker } from './quote-timeout.checker';
import { QuoteTimerScheduler } from './quote-timer.scheduler';

const PAGE = 500;

/**
 * Rebuilds the quote timers from the database, at boot and on a BullMQ job scheduler every
 * `slaReconcileIntervalMs`, as the segment SLA timers are (ADR 0020): a requested quote gets its
 * job back if its answer time lies ahead, and is timed out at once if it has passed. So a timer
 * lost from Redis, or never scheduled because Redis was down at commit, still times the quote
 * out, once.
 */
@Injectable()
export class QuoteTimerReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(QuoteTimerReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: QuoteTimerScheduler,
    private readonly checker: QuoteTimeoutChecker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile();
  }

  async reconcile(now = new Date()): Promise<{ added: number; timedOut: number }> {
    let added = 0;
    let timedOut = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // The partial index on answer_by covers requested quotes only: settled ones cost nothing.
      const rows: { id: string; answer_by: Date }[] = await this.dataSource.query(
        `SELECT id, answer_by FROM circuit_quote
          WHERE state = 'requested' AND id > $1
          ORDER BY id
          LIMIT $2`,
        [after, PAGE],
      );
      for (const row of rows) {
        const answerBy = new Date(row.answer_by);
        if (answerBy.getTime() <= now.getTime()) {
          if ((await this.checker.check(row.id, now)).kind === 'timedOut') timedOut += 1;
        } else if (await this.scheduler.ensure({ quoteId: row.id, answerBy }, now)) {
          added += 1;
        }
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    if (added > 0 || timedOut > 0) this.logger.log({ msg: 'quote timers reconciled', added, timedOut });
    return { added, timedOut };
  }
}
