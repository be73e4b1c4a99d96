import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';
import { BROKER_CLIENT, type BrokerAdmin, type BrokerClient, type TopicSpec } from './broker-client';

const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

/**
 * Topics are created explicitly (the broker's auto-create is off), with our partition count and
 * retention. Inbox topics of nodes that have never started are created on first send, so one
 * addressee that is not up yet cannot stall every other message behind it.
 */
@Injectable()
export class TopicProvisioner {
  private readonly known = new Set<string>();
  private admin: BrokerAdmin | undefined;

  constructor(
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  inboxSpec(topic: string): TopicSpec {
    return {
      topic,
      partitions: this.options.inboxPartitions,
      replicationFactor: this.options.replicationFactor,
      config: { 'retention.ms': String(SEVEN_DAYS_MS) },
    };
  }

  deadLetterSpec(topic: string): TopicSpec {
    return {
      topic,
      partitions: 1,
      replicationFactor: this.options.replicationFactor,
      config: { 'retention.ms': String(4 * SEVEN_DAYS_MS) },
    };
  }

  /** Makes sure the topics exist; ones not seen before default to the inbox layout. */
  async ensure(specs: readonly TopicSpec[]): Promise<void> {
    const missing = specs.filter((s) => !this.known.has(s.topic));
    if (missing.length === 0) return;
    this.admin ??= this.broker.admin();
    await this.admin.connect();
    await this.admin.ensureTopics(missing);
    for (const s of missing) this.known.add(s.topic);
  }

  async ensureInboxes(topics: Iterable<string>): Promise<void> {
    const specs: TopicSpec[] = [];
    for (const topic of new Set(topics)) if (!this.known.has(topic)) specs.push(this.inboxSpec(topic));
    await this.ensure(specs);
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
  }
}
