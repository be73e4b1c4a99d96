import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  BROKER_CLIENT,
  type BrokerAdmin,
  type BrokerClient,
  type BrokerConsumer,
  type ConsumedBatch,
  type ConsumedMessage,
  isTransientError,
  MESSAGING_OPTIONS,
  type MessagingOptions,
  TopicProvisioner,
} from '@kaf/messaging';
import { PeriodicTask } from '@kaf/platform';
import { retryableBookingError } from '../ledger/usage-booking';
import { billingUsageConsumerGroup, billingUsageTopic } from './billing-usage-topic';
import { type CloudEventRead, readCloudEventMessage } from './read-cloud-events';
import { type ChunkOutcome, UsageChunkBooker } from './usage-chunk.booker';
import { UsageDoorMetrics } from './usage-door.metrics';
import { USAGE_KAFKA_DOOR_OPTIONS, type UsageKafkaDoorOptions } from './usage-kafka-door.options';

const RETENTION_MS = 7 * 24 * 3600 * 1000;
/**
 * A producer packs the messages it sends to one partition into one record batch, and the broker
 * refuses a batch over `max.message.bytes` (1 MB by default): a few messages of a thousand events
 * would exceed it. 8 MB leaves billing systems room to batch.
 */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const LAG_INTERVAL_MS = 15_000;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 30_000;
/** Lost races and deadlocks are retried at once, this many times, before they count as transient. */
const IMMEDIATE_RETRIES = 3;
/**
 * Fetch sizes: a batch message of a thousand events is a few hundred kilobytes, so the client's
 * 1 MB per partition would hand us a few thousand events per round trip. Bigger fetches let a
 * transaction carry thousands of events; the short wait keeps a lone event's latency low.
 */
const FETCH = {
  minBytes: 64 * 1024,
  maxBytes: 64 * 1024 * 1024,
  maxBytesPerPartition: 16 * 1024 * 1024,
  maxWaitTimeInMs: 100,
};

/** The partition was revoked or the node is stopping while a chunk waited for the database. */
class BatchAbandoned extends Error {}

/** A chunk: whole messages, so the offset committed after it is a message boundary. */
interface Chunk {
  reads: CloudEventRead[];
  /** Messages in the chunk, and the offset of its last one. */
  messages: number;
  lastOffset: string;
  /** The message after the chunk, read while deciding that it no longer fits: the next chunk's first. */
  following?: CloudEventRead[];
}

/**
 * The Kafka door of the usage ledger: consumes the city's billing-usage topic batch by batch,
 * books each chunk of events in one transaction (refused events are parked in the same
 * transaction) and commits the offset only after it. A crash before the commit redelivers the
 * chunk, and the ledger's unique (source, event id) makes the second booking a duplicate.
 */
@Injectable()
export class UsageKafkaDoorConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageKafkaDoorConsumer.name);
  private consumer: BrokerConsumer | undefined;
  private admin: BrokerAdmin | undefined;
  private readonly lagGauge = new PeriodicTask(
    { name: 'billing usage door lag', everyMs: LAG_INTERVAL_MS },
    () => this.measureLag(),
  );
  private stopping = false;

  constructor(
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
    @Inject(USAGE_KAFKA_DOOR_OPTIONS) private readonly options: UsageKafkaDoorOptions,
    private readonly topics: TopicProvisioner,
    private readonly booker: UsageChunkBooker,
    private readonly metrics: UsageDoorMetrics,
  ) {}

  get topic(): string {
    return billingUsageTopic(this.messaging.nodeCode, this.messaging.namespace);
  }

  get groupId(): string {
    return billingUsageConsumerGroup(this.messaging.nodeCode, this.messaging.namespace);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.topics.ensure([
      {
        topic: this.topic,
        partitions: this.options.partitions,
        replicationFactor: this.messaging.replicationFactor,
        config: { 'retention.ms': String(RETENTION_MS), 'max.message.bytes': String(MAX_MESSAGE_BYTES) },
      },
    ]);
    const consumer = this.broker.consumer({
      groupId: this.groupId,
      concurrency: this.options.partitions,
      fetch: FETCH,
    });
    await consumer.connect();
    await consumer.subscribe([this.topic]);
    await consumer.run((batch) => this.onBatch(batch));
    this.consumer = consumer;
    this.admin = this.broker.admin();
    await this.admin.connect();
    this.lagGauge.start();
    this.logger.log({ msg: 'billing usage door open', topic: this.topic, group: this.groupId });
  }

  /** Stops fetching; the chunk being booked finishes and commits first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.lagGauge.stop();
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }

  private async onBatch(batch: ConsumedBatch): Promise<void> {
    try {
      await this.handleBatch(batch);
    } catch (error) {
      // Revoked or stopping while waiting out a database outage: the next owner gets it uncommitted.
      if (!(error instanceof BatchAbandoned)) throw error;
    }
  }

  private async handleBatch(batch: ConsumedBatch): Promise<void> {
    let next = 0;
    let first: CloudEventRead[] | undefined;
    while (next < batch.messages.length && this.active(batch)) {
      const chunk = this.takeChunk(batch.messages, next, first);
      await this.bookOrIsolate(batch, chunk, batch.messages.slice(next, next + chunk.messages));
      await batch.commit(chunk.lastOffset);
      next += chunk.messages;
      first = chunk.following;
    }
  }

  /**
   * Whole messages from `from` until the chunk holds the most events a transaction should.
   * `first` is the message at `from` when the previous chunk has read it already.
   */
  private takeChunk(messages: readonly ConsumedMessage[], from: number, first?: CloudEventRead[]): Chunk {
    const now = new Date();
    const reads: CloudEventRead[] = [];
    let i = from;
    while (i < messages.length && (i === from || reads.length < this.options.maxEventsPerTransaction)) {
      const read = i === from && first ? first : readCloudEventMessage(messages[i]!, now);
      if (i > from && reads.length + read.length > this.options.maxEventsPerTransaction) {
        return { reads, messages: i - from, lastOffset: messages[i - 1]!.offset, following: read };
      }
      for (const r of read) reads.push(r);
      i++;
    }
    return { reads, messages: i - from, lastOffset: messages[i - 1]!.offset };
  }

  /**
   * Books the chunk. A failure the database gives no reason to expect again on its own (neither
   * transient nor a race) is pinned down message by message, and the message that still fails is
   * parked whole with the error, so that one poisonous message cannot stall its partition.
   */
  private async bookOrIsolate(
    batch: ConsumedBatch,
    chunk: Chunk,
    messages: readonly ConsumedMessage[],
  ): Promise<void> {
    try {
      this.record(await this.bookWithRetries(batch, chunk.reads));
      return;
    } catch (error) {
      if (error instanceof BatchAbandoned) throw error;
      if (messages.length === 1) {
        const reason = `booking: ${error instanceof Error ? error.message : String(error)}`;
        this.logger.error({
          msg: 'usage message parked after a booking failure',
          offset: chunk.lastOffset,
          reason,
        });
        this.metrics.count('parked', await this.booker.parkAll(this.topic, chunk.reads, reason));
        return;
      }
    }
    for (let i = 0; i < messages.length; i++) {
      await this.bookOrIsolate(batch, this.takeChunkOfOne(messages[i]!), [messages[i]!]);
      await batch.heartbeat();
    }
  }

  private takeChunkOfOne(message: ConsumedMessage): Chunk {
    return { reads: readCloudEventMessage(message, new Date()), messages: 1, lastOffset: message.offset };
  }

  /** Retries races at once and transient errors with backoff, never committing meanwhile. */
  private async bookWithRetries(
    batch: ConsumedBatch,
    reads: readonly CloudEventRead[],
  ): Promise<ChunkOutcome> {
    let races = 0;
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      const started = process.hrtime.bigint();
      try {
        const outcome = await this.booker.book(this.topic, reads);
        this.metrics.chunkSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
        return outcome;
      } catch (error) {
        if (retryableBookingError(error) && races++ < IMMEDIATE_RETRIES) continue;
        if (!retryableBookingError(error) && !isTransientError(error)) throw error;
        this.metrics.transientFailures.inc();
        this.logger.warn({
          msg: 'usage chunk rolled back; retrying',
          error: String(error),
          backoffMs: backoff,
        });
        await this.pause(backoff, batch);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private async pause(ms: number, batch: ConsumedBatch): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!this.active(batch)) throw new BatchAbandoned();
      await new Promise((r) => setTimeout(r, Math.min(1000, until - Date.now())));
      await batch.heartbeat().catch(() => undefined);
    }
    if (!this.active(batch)) throw new BatchAbandoned();
  }

  private active(batch: ConsumedBatch): boolean {
    return !this.stopping && batch.isActive();
  }

  private record(outcome: ChunkOutcome): void {
    this.metrics.count('booked', outcome.booked);
    this.metrics.count('duplicate', outcome.duplicates);
    this.metrics.count('parked', outcome.parked);
  }

  private async measureLag(): Promise<void> {
    try {
      if (!this.admin) return;
      this.metrics.consumerLag.set(await this.admin.consumerLag(this.groupId, this.topic));
    } catch (error) {
      this.logger.warn({ msg: 'billing usage door lag not measured', error: String(error) });
    }
  }
}
