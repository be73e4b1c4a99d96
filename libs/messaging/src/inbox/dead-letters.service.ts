import { Injectable } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ConflictError, NotFoundError } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { EnvelopeSchema } from '../gen/kaf/messaging/v1/envelope_pb';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DeadLetterEntity } from './dead-letter.entity';

export class DeadLetterView {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) messageId!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) type!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) source!: string | null;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() failedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) replayedAt!: string | null;
}

/**
 * What the caller also does in the replay's transaction, given the dead letter before and after
 * (e.g. its audit entry): messaging knows no domain, so whoever exposes the replay supplies it.
 */
export type DeadLetterReplayHook = (
  tx: EntityManager,
  before: DeadLetterView,
  after: DeadLetterView,
) => Promise<void>;

@Injectable()
export class DeadLettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(
    limit: number,
    offset: number,
    includeReplayed: boolean,
  ): Promise<{ total: number; items: DeadLetterView[] }> {
    const repo = this.dataSource.getRepository(DeadLetterEntity);
    const qb = repo.createQueryBuilder('d').orderBy('d.failedAt', 'DESC').take(limit).skip(offset);
    if (!includeReplayed) qb.where('d.replayed_at IS NULL');
    const [rows, total] = await qb.getManyAndCount();
    return { total, items: rows.map(toView) };
  }

  /**
   * Puts a dead-lettered message back into this node's inbox under its original id: the
   * deduplication row that parked it is removed, so the next delivery is handled normally.
   * `alsoWithin` commits with the replay or not at all.
   */
  async replay(id: string, alsoWithin?: DeadLetterReplayHook): Promise<DeadLetterView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await tx
        .getRepository(DeadLetterEntity)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundError(`dead letter ${id} not found`);
      if (row.replayedAt) throw new ConflictError(`dead letter ${id} was already replayed`);
      if (!row.raw || !row.messageId)
        throw new ConflictError(`dead letter ${id} has no decodable envelope to replay`);
      const before = toView(row);
      const envelope = fromBinary(EnvelopeSchema, row.raw);
      await tx.query(`DELETE FROM messaging_inbox WHERE message_id = $1 AND outcome = 'dead_lettered'`, [
        row.messageId,
      ]);
      await this.outbox.writeEncoded(tx, {
        id: row.messageId,
        topic: row.topic,
        key: envelope.key,
        type: envelope.type,
        target: envelope.target,
        envelope: row.raw,
        correlationId: envelope.correlationId,
      });
      row.replayedAt = new Date();
      await tx.getRepository(DeadLetterEntity).save(row);
      const after = toView(row);
      await alsoWithin?.(tx, before, after);
      return after;
    });
  }
}

function toView(row: DeadLetterEntity): DeadLetterView {
  return {
    id: row.id,
    messageId: row.messageId,
    type: row.type,
    source: row.source,
    topic: row.topic,
    partition: row.partition,
    offset: row.offset,
    reason: row.reason,
    attempts: row.attempts,
    failedAt: row.failedAt.toISOString(),
    replayedAt: row.replayedAt ? row.replayedAt.toISOString() : null,
  };
}
