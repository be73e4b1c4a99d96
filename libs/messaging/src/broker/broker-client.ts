/**
 * The messaging layer's view of a broker. Outbox relay and inbox consumer depend on these
 * interfaces only; `KafkaJsBrokerClient` is today's implementation.
 */
export interface BrokerRecord {
  topic: string;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
}

export interface BrokerProducer {
  connect(): Promise<void>;
  /** Resolves once every record is acknowledged by all in-sync replicas. */
  send(records: readonly BrokerRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: readonly ConsumedMessage[];
  /** Marks every message up to and including `offset` as done and commits it to the group. */
  commit(offset: string): Promise<void>;
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition was revoked. */
  isActive(): boolean;
}

export interface BrokerConsumer {
  connect(): Promise<void>;
  subscribe(topics: readonly string[]): Promise<void>;
  run(onBatch: (batch: ConsumedBatch) => Promise<void>): Promise<void>;
  /** Stops fetching and waits for the batch in hand to finish. */
  disconnect(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  config?: Record<string, string>;
}

export interface BrokerAdmin {
  connect(): Promise<void>;
  /** Creates missing topics; existing ones are left alone. */
  ensureTopics(specs: readonly TopicSpec[]): Promise<void>;
  /** Messages on `topic` not yet committed by `groupId`. */
  consumerLag(groupId: string, topic: string): Promise<number>;
  /** Throws unless a broker answers a metadata request. */
  ping(): Promise<void>;
  disconnect(): Promise<void>;
}

export interface ConsumerOptions {
  groupId: string;
  /** Partitions handled in parallel by this process. */
  concurrency: number;
  /** Fetch sizes for high-volume topics; the client's defaults otherwise. */
  fetch?: {
    minBytes: number;
    maxBytes: number;
    maxBytesPerPartition: number;
    maxWaitTimeInMs: number;
  };
}

export interface BrokerClient {
  producer(): BrokerProducer;
  consumer(options: ConsumerOptions): BrokerConsumer;
  admin(): BrokerAdmin;
}

export const BROKER_CLIENT = Symbol('BROKER_CLIENT');
