import { Inject, Injectable, Logger } from '@nestjs/common';
import { create, fromBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { runWithCorrelation } from '@kaf/observability';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BROKER_CLIENT,
  type BrokerClient,
  type BrokerConsumer,
  type ConsumedBatch,
  type ConsumedMessage,
} from '../broker/broker-client';
import { FaultPoints } from '../fault-points';
import { DeadLetterSchema, EnvelopeSchema } from '../gen/kaf/messaging/v1/envelope_pb';
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
const MAX_RETRY_PAUSE_MS = 30_000;

/** The partition was revoked or the consumer is stopping while a message was being retried. */
class BatchAbandoned extends Error {}

class ChunkFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

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

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly handlers: MessageHandlerRegistry,
    private readonly outbox: OutboxWriter,
    private readonly metrics: MessagingMetrics,
    private readonly health: MessagingHealth,
  ) {
    this.faults = new FaultPoints(options.faultPoints);
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
    await consumer.run((batch) => this.onBatch(batch));
    this.consumer = consumer;
  }

  /** Stops fetching; the batch being handled finishes and commits first. */
  async stop(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }

  private async onBatch(batch: ConsumedBatch): Promise<void> {
    try {
      await this.handleBatch(batch);
    } catch (error) {
      // Partition revoked or consumer stopping mid-retry: leave the rest uncommitted for the next owner.
      if (!(error instanceof BatchAbandoned)) throw error;
    }
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    const items = batch.messages.map((m) => this.decode(m));
    const chunkSize = this.options.inbox.chunkSize;
    let i = 0;
    // After a failure that cannot be pinned on one message, go one at a time up to here.
    let isolateUntil = 0;
    let limit = chunkSize;
    while (i < items.length && batch.isActive()) {
      const chunk = items.slice(i, i + (i < isolateUntil ? 1 : limit));
      const defectAt = chunk.findIndex((d) => d.defect !== undefined);
      if (defectAt === 0) {
        this.logger.warn({
          msg: 'message dead-lettered',
          messageId: chunk[0]!.message?.id,
          type: chunk[0]!.message?.type,
          reason: chunk[0]!.defect,
        });
        await this.deadLetter(chunk[0]!, chunk[0]!.defect!, 1);
        await batch.commit(chunk[0]!.raw.offset);
        i += 1;
        continue;
      }
      const clean = defectAt > 0 ? chunk.slice(0, defectAt) : chunk;
      const failure = await this.tryChunk(clean);
      if (!failure) {
        await batch.commit(clean[clean.length - 1]!.raw.offset);
        i += clean.length;
        limit = chunkSize;
        continue;
      }
      if (failure.index > 0) {
        // Everything before the failing message (or batch-handler group) is fine: commit it first.
        limit = failure.index;
        continue;
      }
      if (clean.length > 1) {
        isolateUntil = i + clean.length;
        continue;
      }
      await this.retryOrDeadLetter(clean[0]!, failure.cause, batch);
      await batch.commit(clean[0]!.raw.offset);
      i += 1;
      limit = chunkSize;
    }
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

  /** Handles the chunk in one transaction; returns the first failure, or undefined when all committed. */
  private async tryChunk(chunk: readonly Decoded[]): Promise<ChunkFailure | undefined> {
    const started = process.hrtime.bigint();
    let handled: { index: number; message: InboundMessage }[];
    try {
      handled = await this.dataSource.transaction(async (tx) => {
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
    } catch (error) {
      const failure = error instanceof ChunkFailure ? error : new ChunkFailure(0, error);
      if (isTransientError(failure.cause)) {
        // Not the message's fault: leave it uncommitted and let the consumer fetch it again.
        this.health.recordError('inbox', failure.cause);
        throw failure.cause;
      }
      return failure;
    }
    this.faults.reach('inbox.after-commit');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const now = Date.now();
    for (const { message } of handled) {
      this.metrics.handled.inc({ type: message.type });
      this.metrics.endToEndSeconds.observe(Math.max(0, now - message.occurredAt.getTime()) / 1000);
    }
    this.metrics.duplicates.inc(chunk.length - handled.length);
    this.metrics.handleSeconds.observe({ type: chunk[0]!.message!.type }, seconds);
    return undefined;
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

  private async retryOrDeadLetter(item: Decoded, firstError: unknown, batch: ConsumedBatch): Promise<void> {
    const { maxAttempts, retryBackoffMs } = this.options.inbox;
    let error = firstError;
    let attempts = 1;
    this.metrics.handlerFailures.inc({ type: item.message!.type });
    while (!(error instanceof PermanentMessageError) && attempts < maxAttempts) {
      await this.pause(retryBackoffMs * 2 ** (attempts - 1), batch);
      const failure = await this.tryChunk([item]);
      if (!failure) return;
      error = failure.cause;
      attempts += 1;
      this.metrics.handlerFailures.inc({ type: item.message!.type });
    }
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.error({
      msg: 'message dead-lettered',
      messageId: item.message!.id,
      type: item.message!.type,
      attempts,
      reason,
    });
    await this.deadLetter(item, reason, attempts);
  }

  private async pause(ms: number, batch: ConsumedBatch): Promise<void> {
    const until = Date.now() + Math.min(ms, MAX_RETRY_PAUSE_MS);
    while (Date.now() < until) {
      if (!batch.isActive()) throw new BatchAbandoned();
      await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      await batch.heartbeat();
    }
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
