import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SEGMENT_OVERDUE } from '../../domain/segment-escalation';
import { SlaBreachChecker } from './sla-breach.checker';
import { SlaTimerScheduler } from './sla-timer.scheduler';

const PAGE = 500;

interface WatchedAttempt {
  id: string;
  attempt: number;
  deadline: Date;
}

/**
 * Rebuilds the SLA timers from the database, at boot and on a BullMQ job scheduler every
 * `slaReconcileIntervalMs`: an open attempt of a watched order with no escalation gets its job
 * back if its deadline lies ahead, and is checked at once if the deadline has passed. So a timer
 * lost from Redis, or never scheduled because Redis was down at commit, still escalates, once.
 */
@Injectable()
export class SlaTimerReconciler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaTimerReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: SlaTimerScheduler,
    private readonly checker: SlaBreachChecker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile();
  }

  async reconcile(now = new Date()): Promise<{ added: number; escalated: number }> {
    let added = 0;
    let escalated = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: WatchedAttempt[] = await this.dataSource.query(
        `SELECT s.id, s.attempt, s.deadline
           FROM circuit_segment s
           JOIN circuit_order o ON o.id = s.order_id
          WHERE s.state IN ('dispatched', 'acknowledged', 'accepted', 'inProgress', 'pending')
            AND o.state IN ('acknowledged', 'inProgress', 'pending')
            AND NOT EXISTS (SELECT 1 FROM raised_escalation e
                             WHERE e.subject_id = s.id::text || '/' || s.attempt
                               AND e.reason = $3 AND e.holder_node = o.coordinator)
            AND s.id > $1
          ORDER BY s.id
          LIMIT $2`,
        [after, PAGE, SEGMENT_OVERDUE],
      );
      for (const row of rows) {
        const deadline = new Date(row.deadline);
        if (deadline.getTime() <= now.getTime()) {
          const outcome = await this.checker.check(row.id, row.attempt, now);
          if (outcome.kind === 'escalated') escalated += 1;
        } else if (await this.scheduler.ensure({ segmentId: row.id, attempt: row.attempt, deadline }, now)) {
          added += 1;
        }
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.id;
    }
    if (added > 0 || escalated > 0) this.logger.log({ msg: 'SLA timers reconciled', added, escalated });
    return { added, escalated };
  }
}
