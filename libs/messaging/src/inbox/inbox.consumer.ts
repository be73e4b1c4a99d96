import { Inject, Injectable, Logger } from '@nestjs/common';
import { create, fromBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { runWithCorrelation } from '@kaf/observability';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BROKER_CLIENT,
  type BrokerClient,
  type BrokerConsumer,
  type ConsumedMessage,
} from '../broker/broker-client';
import { ChunkFailure, ChunkedBatchRunner, type ParkCause } from '../consumer/chunked-batch.runner';
import { FaultPoints } from '../fault-points';
import { DeadLetterSchema, EnvelopeSchema } from '../gen/kaf/messaging/v1/envelope_pb';
import { MessagingConnections } from '../messaging-connections';
import { MessagingHealth } from '../messaging-health';
import { MessagingMetrics } from '../messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { OutboxWriter } from '../outbox/outbox.writer';
import { deadLetterTopic, inboxConsumerGroup, inboxTopic } from '../topics';
import { uuidv7 } from '../uuid-v7';
import {
  type InboundMessage,
  MessageHandlerRegistry,
  PermanentMessageError,
  type RegisteredHandler,
} from './message-handler.registry';
import { isTransientError } from './transient-errors';

interface Decoded {
  raw: ConsumedMessage;
  message?: InboundMessage;
  /** Set when the record cannot be handled whatever we do (bad envelope, wrong address). */
  defect?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * Consumes this node's inbox topic. Messages are handled in order per partition, a chunk per
 * database transaction together with their deduplication rows; the Kafka offset is committed
 * only after that transaction. A message whose handler keeps failing is retried a bounded
 * number of times and then parked in the dead-letter table and topic, and the partition moves on.
 */
@Injectable()
export class InboxConsumer {
  private readonly logger = new Logger(InboxConsumer.name);
  private consumer: BrokerConsumer | undefined;

  private readonly faults: FaultPoints;
  private readonly runner: ChunkedBatchRunner<Decoded>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly handlers: MessageHandlerRegistry,
    private readonly outbox: OutboxWriter,
    private readonly metrics: MessagingMetrics,
    private readonly health: MessagingHealth,
    private readonly connections: MessagingConnections,
  ) {
    this.faults = new FaultPoints(options.faultPoints);
    this.runner = new ChunkedBatchRunner<Decoded>({
      read: (raw) => this.decode(raw),
      defect: (d) => d.defect,
      maxChunkWeight: options.inbox.chunkSize,
      handle: (chunk) => this.handleChunk(chunk),
      park: (d, cause) => this.park(d, cause),
      isTransient: isTransientError,
      isPermanent: (error) => error instanceof PermanentMessageError,
      maxAttempts: options.inbox.maxAttempts,
      retryBackoffMs: options.inbox.retryBackoffMs,
      onTransient: (error, backoffMs) => {
        // Not the message's fault: it stays uncommitted and is tried again once the database is back.
        this.health.recordError('inbox', error);
        this.logger.warn({ msg: 'inbox chunk rolled back; retrying', error: String(error), backoffMs });
      },
      onFailedAttempt: (d) => this.metrics.handlerFailures.inc({ type: d.message!.type }),
    });
  }

  get topic(): string {
    return inboxTopic(this.options.nodeCode, this.options.namespace);
  }

  get groupId(): string {
    return inboxConsumerGroup(this.options.nodeCode, this.options.namespace);
  }

  async start(): Promise<void> {
    if (this.consumer) return;
    const consumer = this.broker.consumer({
      groupId: this.groupId,
      concurrency: this.options.inboxPartitions,
    });
    await consumer.connect();
    await consumer.subscribe([this.topic]);
    await consumer.run((batch) => this.runner.run(batch));
    this.consumer = consumer;
  }

  /** Stops fetching; the batch being handled finishes and commits first. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  private decode(raw: ConsumedMessage): Decoded {
    if (!raw.value) return { raw, defect: 'record has no value' };
    let envelope;
    try {
      envelope = fromBinary(EnvelopeSchema, raw.value);
    } catch (error) {
      return { raw, defect: `envelope cannot be decoded: ${String(error)}` };
    }
    // Ids are compared with what PostgreSQL hands back, so only the canonical form is accepted.
    const id = envelope.id.toLowerCase();
    if (!UUID.test(id)) return { raw, defect: `envelope id ${JSON.stringify(envelope.id)} is not a UUID` };
    const text = [envelope.type, envelope.source, envelope.target, envelope.key, envelope.correlationId];
    if (text.some((t) => CONTROL_CHARACTERS.test(t) || t.length > 512)) {
      return { raw, defect: 'envelope text fields hold control characters or are too long' };
    }
    const occurredAt = envelope.occurredAt ? timestampDate(envelope.occurredAt) : new Date();
    const message: InboundMessage = {
      id,
      type: envelope.type,
      source: envelope.source,
      target: envelope.target,
      key: envelope.key,
      correlationId: envelope.correlationId || id,
      causationId: envelope.causationId,
      occurredAt: Number.isNaN(occurredAt.getTime()) ? new Date() : occurredAt,
      payload: envelope.payload,
    };
    if (envelope.target !== this.options.nodeCode) {
      return { raw, message, defect: `addressed to ${JSON.stringify(envelope.target)}, not to this node` };
    }
    const refusal = this.refusal(message);
    if (refusal !== undefined) return { raw, message, defect: refusal };
    return { raw, message };
  }

  /**
   * A refused sender is a defect like a wrong address: dead-lettered on its own, at once, while
   * the messages around it (even of the same batch-handler run) are handled as usual.
   */
  private refusal(message: InboundMessage): string | undefined {
    const accept = this.handlers.find(message.type)?.accept;
    if (!accept) return undefined;
    let reason: string | undefined;
    try {
      reason = accept(message);
    } catch (error) {
      reason = `sender check failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    return reason === undefined
      ? undefined
      : `sender ${message.source} refused for ${message.type}: ${reason}`;
  }

  /** Handles the chunk in one transaction, then its metrics; a handler's failure names its index. */
  private async handleChunk(chunk: readonly Decoded[]): Promise<void> {
    const started = process.hrtime.bigint();
    const handled = await this.connections.transaction(async (tx) => {
      const pending = new Set(await this.recordReceipt(tx, chunk, 'handled'));
      // The first delivery of each id not seen before, in partition order; the rest are copies.
      const fresh: { index: number; message: InboundMessage }[] = [];
      chunk.forEach((d, index) => {
        if (pending.delete(d.message!.id)) fresh.push({ index, message: d.message! });
      });
      for (let g = 0; g < fresh.length;) {
        const { index, message } = fresh[g]!;
        const handler = this.handlers.find(message.type);
        let end = g + 1;
        if (handler?.kind === 'batch')
          while (end < fresh.length && fresh[end]!.message.type === message.type) end++;
        const group = fresh.slice(g, end).map((f) => f.message);
        await this.handleGroup(handler, group, tx).catch((error: unknown) => {
          throw new ChunkFailure(index, error);
        });
        g = end;
      }
      return fresh;
    });
    this.faults.reach('inbox.after-commit');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const now = Date.now();
    for (const { message } of handled) {
      this.metrics.handled.inc({ type: message.type });
      this.metrics.endToEndSeconds.observe(Math.max(0, now - message.occurredAt.getTime()) / 1000);
    }
    this.metrics.duplicates.inc(chunk.length - handled.length);
    this.metrics.handleSeconds.observe({ type: chunk[0]!.message!.type }, seconds);
  }

  private async handleGroup(
    handler: RegisteredHandler | undefined,
    group: readonly InboundMessage[],
    tx: EntityManager,
  ): Promise<void> {
    const first = group[0]!;
    if (!handler) throw new PermanentMessageError(`no handler registered for ${first.type}`);
    if (handler.kind === 'batch') {
      // Messages of a batch may carry different correlation ids; handlers pass them on explicitly.
      await handler.handle(group, tx);
      return;
    }
    await runWithCorrelation({ correlationId: first.correlationId, causationId: first.id }, () =>
      handler.handle(first, tx),
    );
  }

  /** Inserts deduplication rows; returns the ids that were not there before. */
  private async recordReceipt(
    tx: EntityManager,
    chunk: readonly Decoded[],
    outcome: string,
  ): Promise<string[]> {
    const messages = chunk.map((d) => d.message!);
    const rows = await tx.query<{ message_id: string }[]>(
      `INSERT INTO messaging_inbox (message_id, type, source, outcome)
       SELECT id, type, source, $4 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, type, source)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [messages.map((m) => m.id), messages.map((m) => m.type), messages.map((m) => m.source), outcome],
    );
    return rows.map((r) => r.message_id);
  }

  private async park(item: Decoded, cause: ParkCause): Promise<void> {
    const reason =
      cause.kind === 'defect'
        ? cause.reason
        : cause.error instanceof Error
          ? cause.error.message
          : String(cause.error);
    const log = {
      msg: 'message dead-lettered',
      messageId: item.message?.id,
      type: item.message?.type,
      ...(cause.kind === 'failed' ? { attempts: cause.attempts } : {}),
      reason,
    };
    if (cause.kind === 'defect') this.logger.warn(log);
    else this.logger.error(log);
    await this.deadLetter(item, reason, cause.attempts);
  }

  private async deadLetter(item: Decoded, why: string, attempts: number): Promise<void> {
    const { raw, message } = item;
    // The reason may quote what arrived; keep it storable.
    const reason = why.split('\u0000').join('\uFFFD').slice(0, 2000);
    await this.dataSource.transaction(async (tx) => {
      if (message) {
        const fresh = await this.recordReceipt(tx, [item], 'dead_lettered');
        if (fresh.length === 0) return; // dead-lettered (or handled) by an earlier delivery
      }
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO messaging_dead_letter (id, message_id, type, source, topic, partition, "offset", raw, reason, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (topic, partition, "offset") DO NOTHING RETURNING id`,
        [
          uuidv7(),
          message?.id ?? null,
          message?.type ?? null,
          message?.source ?? null,
          raw.topic,
          raw.partition,
          raw.offset,
          raw.value,
          reason,
          attempts,
        ],
      );
      if (inserted.length === 0) return;
      await this.outbox.write(tx, {
        schema: DeadLetterSchema,
        payload: create(DeadLetterSchema, {
          envelope: raw.value && message ? fromBinary(EnvelopeSchema, raw.value) : undefined,
          reason,
          attempts,
          failedAt: timestampFromDate(new Date()),
          topic: raw.topic,
          partition: raw.partition,
          offset: raw.offset,
        }),
        target: this.options.nodeCode,
        topic: deadLetterTopic(this.options.nodeCode, this.options.namespace),
        key: message?.key || `${raw.topic}:${raw.partition}:${raw.offset}`,
      });
    });
    this.metrics.deadLetters.inc({ type: message?.type ?? 'undecodable' });
  }
}
