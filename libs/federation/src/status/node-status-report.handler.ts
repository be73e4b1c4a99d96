import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { NodeStatusReportSchema, type NodeStatusReport } from '@kaf/contracts';
import { type InboundMessage, MessageHandlerRegistry, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { NODE_IDENTITY, TOPOLOGY, type NodeIdentity } from '../node-identity';
import type { Topology } from '../topology/topology';

/**
 * Records a child's status report; an older report never overwrites a newer one. Reports are
 * ordered by (boot time, sequence) so a replayed or reordered report is harmless.
 */
@Injectable()
export class NodeStatusReportHandler implements OnModuleInit {
  constructor(
    private readonly registry: MessageHandlerRegistry,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.registry.on(NodeStatusReportSchema, (report, message, tx) => this.handle(report, message, tx));
  }

  async handle(report: NodeStatusReport, message: InboundMessage, tx: EntityManager): Promise<void> {
    const child = this.topology.find(message.source);
    if (!child || child.parent !== this.identity.code || report.nodeCode !== message.source) {
      throw new PermanentMessageError(
        `status report from ${message.source} is not from a child of ${this.identity.code}`,
      );
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
