import { Kafka, logLevel as KafkaLogLevel, Partitioners } from 'kafkajs';
import type { Admin, Consumer, IHeaders, LogEntry, Producer } from 'kafkajs';
import type {
  BrokerAdmin,
  BrokerClient,
  BrokerConsumer,
  BrokerProducer,
  BrokerRecord,
  ConsumedBatch,
  ConsumerOptions,
  TopicSpec,
} from './broker-client';

export interface KafkaJsClientOptions {
  brokers: string[];
  clientId: string;
  /** The consumers' session timeout (default 30 s). */
  sessionTimeoutMs?: number;
  /** Receives the client's own warnings and errors. */
  log?: (level: 'error' | 'warn', message: string, extra: Record<string, unknown>) => void;
}

export class KafkaJsBrokerClient implements BrokerClient {
  private readonly kafka: Kafka;

  constructor(private readonly options: KafkaJsClientOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 15000,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
      logLevel: KafkaLogLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.forwardLog(entry),
    });
  }

  producer(): BrokerProducer {
    return new KafkaJsProducer(
      this.kafka.producer({
        idempotent: true,
        // Murmur2 on the key, as the Java client does: every producer puts a key on the same partition.
        createPartitioner: Partitioners.DefaultPartitioner,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      }),
    );
  }

  consumer(options: ConsumerOptions): BrokerConsumer {
    return new KafkaJsConsumer(
      this.kafka.consumer({
        groupId: options.groupId,
        allowAutoTopicCreation: false,
        // A consumer that died without leaving the group holds its partitions until this expires.
        // kafkajs heartbeats from the consume loop, not a thread of its own: leave room for a slow
        // chunk on a loaded machine before the coordinator evicts us.
        sessionTimeout: this.options.sessionTimeoutMs ?? 30000,
        rebalanceTimeout: 60000,
        heartbeatInterval: 1000,
        maxWaitTimeInMs: 100,
        ...options.fetch,
        retry: { initialRetryTime: 300, maxRetryTime: 2000, retries: 30 },
      }),
      options.concurrency,
      this.options.log,
    );
  }

  admin(): BrokerAdmin {
    return new KafkaJsAdmin(this.kafka.admin());
  }

  private forwardLog(entry: LogEntry): void {
    if (!this.options.log) return;
    // Our relay retries a failed batch itself and the inbox drops the resulting duplicates, so the
    // producer's bounded retries are deliberate (a send must not hang with the batch locked).
    if (entry.log.message.startsWith('Limiting retries for the idempotent producer')) return;
    // Protocol-level errors on a connection are retried by the client; they are warnings to us.
    const level = entry.level === KafkaLogLevel.ERROR && entry.namespace !== 'Connection' ? 'error' : 'warn';
    const { message, ...extra } = entry.log;
    this.options.log(level, `kafka: ${message}`, { namespace: entry.namespace, ...extra });
  }
}

class KafkaJsProducer implements BrokerProducer {
  constructor(private readonly producer: Producer) {}

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(records: readonly BrokerRecord[]): Promise<void> {
    const byTopic = new Map<string, BrokerRecord[]>();
    for (const record of records) {
      const list = byTopic.get(record.topic) ?? [];
      list.push(record);
      byTopic.set(record.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((r) => ({
          key: r.key,
          value: Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value),
          headers: r.headers,
        })),
      })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

class KafkaJsConsumer implements BrokerConsumer {
  private topics: string[] = [];
  private onBatch: ((batch: ConsumedBatch) => Promise<void>) | undefined;
  private stopping = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly concurrency: number,
    private readonly log?: KafkaJsClientOptions['log'],
  ) {
    // kafkajs restarts itself after retriable failures only. An eviction from the group (e.g. a
    // commit answered "unknown member" after a long pause) is not retriable and would leave the
    // inbox silently stopped; rejoin instead. Uncommitted messages are redelivered and deduped.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping || !this.onBatch) return;
      this.log?.('warn', 'kafka: consumer crashed; rejoining the group', { error: String(payload.error) });
      void this.rejoin();
    });
  }

  connect(): Promise<void> {
    return this.consumer.connect();
  }

  async subscribe(topics: readonly string[]): Promise<void> {
    this.topics = [...topics];
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: true });
  }

  private async rejoin(): Promise<void> {
    for (let attempt = 1; !this.stopping; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * attempt)));
      try {
        await this.consumer.connect();
        await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
        await this.run(this.onBatch!);
        return;
      } catch (error) {
        this.log?.('warn', 'kafka: rejoining the group failed; retrying', { error: String(error), attempt });
      }
    }
  }

  run(onBatch: (batch: ConsumedBatch) => Promise<void>): Promise<void> {
    this.onBatch = onBatch;
    return this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.concurrency,
      eachBatch: async (payload) => {
        const { batch } = payload;
        const consumer = this.consumer;
        await onBatch({
          topic: batch.topic,
          partition: batch.partition,
          messages: batch.messages.map((m) => ({
            topic: batch.topic,
            partition: batch.partition,
            offset: m.offset,
            key: m.key ? m.key.toString('utf8') : null,
            value: m.value,
            headers: decodeHeaders(m.headers),
          })),
          async commit(offset: string): Promise<void> {
            payload.resolveOffset(offset);
            await consumer.commitOffsets([
              { topic: batch.topic, partition: batch.partition, offset: (BigInt(offset) + 1n).toString() },
            ]);
            // Throttled by heartbeatInterval; keeps a long batch from outliving the session.
            await payload.heartbeat();
          },
          heartbeat: () => payload.heartbeat(),
          isActive: () => payload.isRunning() && !payload.isStale(),
        });
      },
    });
  }

  disconnect(): Promise<void> {
    this.stopping = true;
    return this.consumer.disconnect();
  }
}

class KafkaJsAdmin implements BrokerAdmin {
  constructor(private readonly admin: Admin) {}

  connect(): Promise<void> {
    return this.admin.connect();
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      try {
        await this.admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((s) => ({
            topic: s.topic,
            numPartitions: s.partitions,
            replicationFactor: s.replicationFactor,
            configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
      } catch (error) {
        // Another process created them first: fine, as long as they exist below.
        if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
      }
    }
    await this.waitForLeaders(specs.map((s) => s.topic));
  }

  /** Polls metadata until every partition of `topics` has a leader (bounded). */
  private async waitForLeaders(topics: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      try {
        const { topics: meta } = await this.admin.fetchTopicMetadata({ topics });
        const ready =
          meta.length === topics.length && meta.every((t) => t.partitions.every((p) => p.leader >= 0));
        if (ready) return;
      } catch (error) {
        lastError = error;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`topics ${topics.join(', ')} have no leader after ${timeoutMs} ms: ${String(lastError)}`);
  }

  async consumerLag(groupId: string, topic: string): Promise<number> {
    const [ends, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committedByPartition = new Map<number, bigint>();
    for (const t of committed) {
      for (const p of t.partitions) committedByPartition.set(p.partition, BigInt(p.offset));
    }
    let lag = 0n;
    for (const p of ends) {
      const end = BigInt(p.high);
      const done = committedByPartition.get(p.partition) ?? -1n;
      // -1 means the group never committed on this partition: everything from the low mark is lag.
      const from = done < 0n ? BigInt(p.low) : done;
      if (end > from) lag += end - from;
    }
    return Number(lag);
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}
