import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { BROKER_CLIENT } from './broker/broker-client';
import { KafkaJsBrokerClient } from './broker/kafkajs-broker.client';
import { TopicProvisioner } from './broker/topic-provisioner';
import { InboxConsumer } from './inbox/inbox.consumer';
import { MessageHandlerRegistry } from './inbox/message-handler.registry';
import { MessagingConnections } from './messaging-connections';
import { MessagingHealth } from './messaging-health';
import { MessagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { MessagingRuntime } from './messaging.runtime';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';
import { DeadLettersService } from './inbox/dead-letters.service';

export interface MessagingModuleAsyncOptions {
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => MessagingOptions | Promise<MessagingOptions>;
}

/**
 * Reliable node-to-node messaging: transactional outbox, relay, deduplicating inbox and
 * dead letters. Knows nothing of what the messages mean.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    const brokerProvider: Provider = {
      provide: BROKER_CLIENT,
      inject: [MESSAGING_OPTIONS],
      useFactory: (opts: MessagingOptions) => {
        const logger = new Logger('Kafka');
        return new KafkaJsBrokerClient({
          brokers: opts.brokers,
          clientId: `kaf-${opts.nodeCode}`,
          sessionTimeoutMs: opts.sessionTimeoutMs,
          log: (level, msg, extra) =>
            level === 'error' ? logger.error({ msg, ...extra }) : logger.warn({ msg, ...extra }),
        });
      },
    };
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        brokerProvider,
        MessagingMetrics,
        MessagingHealth,
        MessagingConnections,
        TopicProvisioner,
        MessageHandlerRegistry,
        OutboxWriter,
        OutboxRelay,
        InboxConsumer,
        MessagingRuntime,
        DeadLettersService,
      ],
      exports: [
        MESSAGING_OPTIONS,
        BROKER_CLIENT,
        TopicProvisioner,
        MessageHandlerRegistry,
        OutboxWriter,
        MessagingRuntime,
        DeadLettersService,
      ],
    };
  }
}
