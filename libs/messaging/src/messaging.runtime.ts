import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicTask } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { BROKER_CLIENT, type BrokerAdmin, type BrokerClient } from './broker/broker-client';
import { TopicProvisioner } from './broker/topic-provisioner';
import { InboxConsumer } from './inbox/inbox.consumer';
import { MessagingConnections } from './messaging-connections';
import { MessagingHealth } from './messaging-health';
import { MessagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox.relay';
import { deadLetterTopic } from './topics';

const TWO_WEEKS_MS = 14 * 24 * 3600 * 1000;
/** Also the refresh period of the backlog and lag gauges. */
const HOUSEKEEPING_INTERVAL_MS = 15_000;
/** Old deduplication rows are trimmed once every this many housekeeping ticks (an hour). */
const PURGE_EVERY_TICKS = 240;

export interface MessagingStatus {
  outboxBacklog: number;
  consumerLag: number;
  deadLetters: number;
  lastError?: { message: string; at: Date };
}

/**
 * Starts the relay and the inbox consumer once every module has registered its handlers, keeps
 * the tables trimmed, and stops both in the right order on shutdown.
 */
@Injectable()
export class MessagingRuntime implements OnApplicationBootstrap {
  private readonly logger = new Logger(MessagingRuntime.name);
  private admin: BrokerAdmin | undefined;
  private readonly housekeeping = new PeriodicTask(
    { name: 'messaging housekeeping', everyMs: HOUSEKEEPING_INTERVAL_MS },
    () => this.tidy(),
  );
  private lastLag = 0;
  private ticks = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(BROKER_CLIENT) private readonly broker: BrokerClient,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly relay: OutboxRelay,
    private readonly inbox: InboxConsumer,
    private readonly metrics: MessagingMetrics,
    private readonly health: MessagingHealth,
    private readonly topics: TopicProvisioner,
    private readonly connections: MessagingConnections,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.admin = this.broker.admin();
    await this.admin.connect();
    await this.topics.ensure([
      this.topics.inboxSpec(this.inbox.topic),
      this.topics.deadLetterSpec(deadLetterTopic(this.options.nodeCode, this.options.namespace)),
    ]);
    await this.connections.reserve();
    await this.relay.start();
    await this.inbox.start();
    this.housekeeping.start();
    this.logger.log({ msg: 'messaging started', inbox: this.inbox.topic });
  }

  /** Called by the node's shutdown sequence: finish handlers in flight, then flush the outbox. */
  async stop(): Promise<void> {
    await this.housekeeping.stop();
    await this.inbox.stop();
    await this.relay.flushAndStop();
    await this.connections.release();
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = undefined;
    await this.topics.close();
  }

  async ping(): Promise<void> {
    if (!this.admin) throw new Error('messaging not started');
    await this.admin.ping();
  }

  async status(): Promise<MessagingStatus> {
    const [outboxBacklog, consumerLag, deadLetters] = await Promise.all([
      this.relay.backlog(),
      this.consumerLag(),
      this.deadLetterCount(),
    ]);
    return { outboxBacklog, consumerLag, deadLetters, lastError: this.health.latestError };
  }

  private async consumerLag(): Promise<number> {
    try {
      if (this.admin) this.lastLag = await this.admin.consumerLag(this.inbox.groupId, this.inbox.topic);
      this.metrics.consumerLag.set(this.lastLag);
    } catch (error) {
      this.health.recordError('consumer lag', error);
    }
    return this.lastLag;
  }

  private async deadLetterCount(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM messaging_dead_letter WHERE replayed_at IS NULL',
    );
    return row?.n ?? 0;
  }

  private async tidy(): Promise<void> {
    try {
      if (this.ticks++ % PURGE_EVERY_TICKS === 0) {
        await this.dataSource.query(
          `DELETE FROM messaging_inbox WHERE received_at < now() - ($1::bigint * interval '1 millisecond')`,
          [TWO_WEEKS_MS],
        );
      }
      await this.relay.backlog();
      await this.consumerLag();
    } catch (error) {
      this.health.recordError('messaging housekeeping', error);
    }
  }
}
