import { Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { NodeStatusReportSchema, type NodeStatusReport } from '@kaf/contracts';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { FederatedHandlers } from '../senders/federated-handlers';

/**
 * Records a child's status report; an older report never overwrites a newer one. Reports are
 * ordered by (boot time, sequence) so a replayed or reordered report is harmless.
 */
@Injectable()
export class NodeStatusReportHandler implements OnModuleInit {
  constructor(private readonly handlers: FederatedHandlers) {}

  onModuleInit(): void {
    this.handlers.on(NodeStatusReportSchema, 'child', (report, message, tx) =>
      this.handle(report, message, tx),
    );
  }

  async handle(report: NodeStatusReport, message: InboundMessage, tx: EntityManager): Promise<void> {
    if (report.nodeCode !== message.source) {
      throw new PermanentMessageError(`status report of ${report.nodeCode} sent by ${message.source}`);
    }
    await tx.query(
      `INSERT INTO federation_child_status AS s
         (child_code, tier, version, sequence, outbox_backlog, consumer_lag, dead_letters,
          last_error, last_error_at, uptime_seconds, reported_at, started_at, schedules_restored,
          schedules_restored_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
       ON CONFLICT (child_code) DO UPDATE SET
         tier = excluded.tier, version = excluded.version, sequence = excluded.sequence,
         outbox_backlog = excluded.outbox_backlog, consumer_lag = excluded.consumer_lag,
         dead_letters = excluded.dead_letters, last_error = excluded.last_error,
         last_error_at = excluded.last_error_at, uptime_seconds = excluded.uptime_seconds,
         reported_at = excluded.reported_at, started_at = excluded.started_at,
         schedules_restored = excluded.schedules_restored,
         schedules_restored_at = excluded.schedules_restored_at, received_at = excluded.received_at
       WHERE (excluded.started_at, excluded.sequence) > (s.started_at, s.sequence)`,
      [
        report.nodeCode,
        report.tier,
        report.version,
        report.sequence.toString(),
        report.outboxBacklog.toString(),
        report.consumerLag.toString(),
        report.deadLetters.toString(),
        report.lastError || null,
        report.lastErrorAt ? timestampDate(report.lastErrorAt) : null,
        report.uptimeSeconds.toString(),
        report.reportedAt ? timestampDate(report.reportedAt) : message.occurredAt,
        report.startedAt ? timestampDate(report.startedAt) : new Date(0),
        report.schedulesRestored.toString(),
        report.schedulesRestoredAt ? timestampDate(report.schedulesRestoredAt) : null,
      ],
    );
  }
}
