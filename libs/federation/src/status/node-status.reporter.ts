import { Inject, Injectable, Logger } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { NodeStatusReportSchema } from '@kaf/contracts';
import { MessagingRuntime, OutboxWriter } from '@kaf/messaging';
import { JobScheduleKeeper } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { NODE_IDENTITY, type NodeIdentity } from '../node-identity';

/** Builds this node's status report and queues it for the parent through the outbox. */
@Injectable()
export class NodeStatusReporter {
  private readonly logger = new Logger(NodeStatusReporter.name);

  constructor(
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly messaging: MessagingRuntime,
    private readonly schedules: JobScheduleKeeper,
  ) {}

  async report(): Promise<void> {
    const parent = this.identity.parentCode;
    if (!parent) return;
    const status = await this.messaging.status();
    const schedules = this.schedules.snapshot();
    const now = new Date();
    await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query<{ seq: string }[]>(`SELECT nextval('federation_report_seq')::text AS seq`);
      await this.outbox.write(tx, {
        schema: NodeStatusReportSchema,
        target: parent,
        key: `status:${this.identity.code}`,
        payload: create(NodeStatusReportSchema, {
          nodeCode: this.identity.code,
          tier: this.identity.tier,
          version: this.identity.version,
          sequence: BigInt(row!.seq),
          outboxBacklog: BigInt(status.outboxBacklog),
          consumerLag: BigInt(status.consumerLag),
          deadLetters: BigInt(status.deadLetters),
          lastError: status.lastError?.message ?? '',
          lastErrorAt: status.lastError ? timestampFromDate(status.lastError.at) : undefined,
          reportedAt: timestampFromDate(now),
          startedAt: timestampFromDate(this.identity.startedAt),
          schedulesRestored: BigInt(schedules.restored),
          schedulesRestoredAt: schedules.lastRestoredAt
            ? timestampFromDate(schedules.lastRestoredAt)
            : undefined,
          uptimeSeconds: BigInt(Math.floor((now.getTime() - this.identity.startedAt.getTime()) / 1000)),
        }),
      });
    });
    this.logger.debug({ msg: 'status report queued', parent });
  }
}
