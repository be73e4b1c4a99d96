import { Inject, Injectable } from '@nestjs/common';
import { create, toBinary } from '@bufbuild/protobuf';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { currentCorrelation } from '@kaf/observability';
import type { EntityManager } from 'typeorm';
import { EnvelopeSchema } from '../gen/kaf/messaging/v1/envelope_pb';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { inboxTopic } from '../topics';
import { uuidv7 } from '../uuid-v7';

export interface OutgoingMessage<Desc extends DescMessage> {
  schema: Desc;
  payload: MessageShape<Desc>;
  /** Node code of the addressee; the message goes to its inbox topic. */
  target: string;
  /** Aggregate id: messages with the same key keep their order. */
  key: string;
  /** Overrides the topic (dead letters, raw topics); defaults to the target's inbox. */
  topic?: string;
  causationId?: string;
  /** Defaults to the correlation id of the request or message being handled. */
  correlationId?: string;
}

/** Node codes become topic names, so only safe characters are accepted as addressees. */
const NODE_CODE = /^[A-Za-z0-9]{1,32}$/;

export interface EncodedOutboxRow {
  id: string;
  topic: string;
  key: string;
  type: string;
  target: string;
  envelope: Buffer;
  correlationId: string;
}

export interface WrittenMessage {
  id: string;
  correlationId: string;
}

/**
 * Writes messages into the transactional outbox. Call it with the EntityManager of the
 * transaction that makes the state change, so both commit or neither does.
 */
@Injectable()
export class OutboxWriter {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  async write<Desc extends DescMessage>(
    tx: EntityManager,
    message: OutgoingMessage<Desc>,
  ): Promise<WrittenMessage> {
    const [written] = await this.writeMany(tx, [message]);
    return written!;
  }

  /** One INSERT for the whole list, so bulk producers stay set-based. */
  async writeMany<Desc extends DescMessage>(
    tx: EntityManager,
    messages: readonly OutgoingMessage<Desc>[],
  ): Promise<WrittenMessage[]> {
    if (messages.length === 0) return [];
    const scope = currentCorrelation();
    const rows = messages.map((m): EncodedOutboxRow => {
      if (!NODE_CODE.test(m.target))
        throw new Error(`outbox: target ${JSON.stringify(m.target)} is not a node code`);
      const id = uuidv7();
      const correlationId = m.correlationId ?? scope?.correlationId ?? id;
      const envelope = create(EnvelopeSchema, {
        id,
        type: m.schema.typeName,
        source: this.options.nodeCode,
        target: m.target,
        key: m.key,
        correlationId,
        causationId: m.causationId ?? scope?.causationId ?? '',
        occurredAt: timestampFromDate(new Date()),
        payload: toBinary(m.schema, m.payload),
      });
      return {
        id,
        topic: m.topic ?? inboxTopic(m.target, this.options.namespace),
        key: m.key,
        type: m.schema.typeName,
        target: m.target,
        envelope: Buffer.from(toBinary(EnvelopeSchema, envelope)),
        correlationId,
      };
    });
    await this.insertRows(tx, rows);
    return rows.map((r) => ({ id: r.id, correlationId: r.correlationId }));
  }

  /** Queues an already-encoded envelope, e.g. a dead letter being replayed. */
  async writeEncoded(tx: EntityManager, row: EncodedOutboxRow): Promise<void> {
    await this.insertRows(tx, [row]);
  }

  private async insertRows(tx: EntityManager, rows: readonly EncodedOutboxRow[]): Promise<void> {
    await tx.query(
      `INSERT INTO messaging_outbox (id, topic, key, type, target, envelope, correlation_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::text[])
       ON CONFLICT (id) DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map((r) => r.type),
        rows.map((r) => r.target),
        rows.map((r) => r.envelope),
        rows.map((r) => r.correlationId),
      ],
    );
  }
}
