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
  ChunkedBatchRunner,
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
import { CHUNK_HANDLER, type ChunkHandler } from './chunk-handler';
import { type DoorOutcome, UsageDoorMetrics } from './usage-door.metrics';
import { USAGE_KAFKA_DOOR_OPTIONS, type UsageKafkaDoorOptions } from './usage-kafka-door.options';

const RETENTION_MS = 7 * 24 * 3600 * 1000;
/**
 * A producer packs the messages it sends to one partition into one record batch, and the broker
 * refuses a batch over `max.message.bytes` (1 MB by default): a few messages of a thousand events
 * would exceed it. 8 MB leaves billing systems room to batch.
 */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const LAG_INTERVAL_MS = 15_000;
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

/** A message of the topic and the events read from it. */
interface UsageMessage {
  message: ConsumedMessage;
  reads: CloudEventRead[];
}

/**
 * The Kafka door of billing events: consumes the node's billing-usage topic batch by batch, hands
 * each chunk of events to the node's `ChunkHandler` in one transaction (a city books them, a
 * province routes them to their cities; what cannot be taken in is parked in the same
 * transaction) and commits the offset only after it. A crash before the commit redelivers the
 * chunk: the ledger's unique (source, event id) makes the second booking a duplicate, and a
 * routed event booked twice at its city is a duplicate there.
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
  private readonly runner: ChunkedBatchRunner<UsageMessage>;

  constructor(
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(MESSAGING_OPTIONS) private readonly messaging: MessagingOptions,
    @Inject(USAGE_KAFKA_DOOR_OPTIONS) private readonly options: UsageKafkaDoorOptions,
    private readonly topics: TopicProvisioner,
    @Inject(CHUNK_HANDLER) private readonly chunks: ChunkHandler,
    private readonly metrics: UsageDoorMetrics,
  ) {
    // Chunks are cut at message boundaries by events, so the offset committed after one is a
    // message's. Unreadable events are parked in the booking transaction itself, so no message is
    // defective on its own; one the database refuses outright (neither transient nor a race) is
    // parked whole at its first failure, since the same content would be refused again.
    this.runner = new ChunkedBatchRunner<UsageMessage>({
      read: (message) => ({ message, reads: readCloudEventMessage(message, new Date()) }),
      weight: (m) => m.reads.length,
      maxChunkWeight: this.options.maxEventsPerTransaction,
      handle: (chunk) => this.book(chunk),
      park: (m, cause) => this.park(m, cause.kind === 'failed' ? cause.error : cause.reason),
      isTransient: isTransientError,
      isRace: retryableBookingError,
      maxAttempts: 1,
      retryBackoffMs: 0,
      stopping: () => this.stopping,
      onTransient: (error, backoffMs) => {
        this.metrics.transientFailures.inc();
        this.logger.warn({ msg: 'usage chunk rolled back; retrying', error: String(error), backoffMs });
      },
    });
  }

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
    await consumer.run((batch) => this.runner.run(batch));
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

  private async book(chunk: readonly UsageMessage[]): Promise<void> {
    const started = process.hrtime.bigint();
    const outcome = await this.chunks.handle(chunk.flatMap((m) => m.reads));
    this.metrics.chunkSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    for (const [kind, n] of Object.entries(outcome)) this.metrics.count(kind as DoorOutcome, n);
  }

  private async park(m: UsageMessage, error: unknown): Promise<void> {
    const reason = `booking: ${error instanceof Error ? error.message : String(error)}`;
    this.logger.error({
      msg: 'usage message parked after a booking failure',
      offset: m.message.offset,
      reason,
    });
    this.metrics.count('parked', await this.chunks.parkAll(m.reads, reason));
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
