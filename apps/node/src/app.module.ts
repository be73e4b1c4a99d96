import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@kaf/audit';
import { AuthModule } from '@kaf/auth';
import { DocumentsModule } from '@kaf/documents';
import { UpwardFiguresModule } from '@kaf/upward-figures';
import { FederationModule } from '@kaf/federation';
import { MessagingModule, messagingConnectionCount } from '@kaf/messaging';
import { ObservabilityModule } from '@kaf/observability';
import { JobSchedulesModule } from '@kaf/platform';
import { capabilitiesOf, FEDERATION_DOCUMENTS } from './composition/tier-manifest';
import type { NodeConfig } from './config/node-config';
import { nodeDataSourceOptions } from './database/node-data-source';
import { redisProbeProvider } from './health/redis-probe.provider';
import { HealthController } from './health/health.controller';
import { NodeLifecycle } from './lifecycle/node-lifecycle';

@Module({})
export class AppModule {
  static forNode(config: NodeConfig): DynamicModule {
    const { env, node, topology } = config;
    const redis = new URL(env.REDIS_URL);
    return {
      module: AppModule,
      imports: [
        DiscoveryModule,
        ObservabilityModule,
        // The pool serves requests with DB_POOL_SIZE connections; messaging holds its own on top.
        TypeOrmModule.forRoot(
          nodeDataSourceOptions(
            env.DATABASE_URL,
            node.code,
            env.DB_POOL_SIZE + messagingConnectionCount(env.INBOX_PARTITIONS),
          ),
        ),
        BullModule.forRoot({
          prefix: `kaf:${env.FEDERATION_NAMESPACE}:${node.code}`,
          connection: {
            host: redis.hostname,
            port: Number(redis.port || 6379),
            db: redis.pathname.length > 1 ? Number(redis.pathname.slice(1)) : 0,
            ...(redis.password ? { password: decodeURIComponent(redis.password) } : {}),
            ...(redis.protocol === 'rediss:' ? { tls: {} } : {}),
          },
        }),
        JobSchedulesModule,
        MessagingModule.forRootAsync({
          useFactory: () => ({
            nodeCode: node.code,
            namespace: env.FEDERATION_NAMESPACE,
            databaseUrl: env.DATABASE_URL,
            brokers: env.KAFKA_BROKERS,
            inboxPartitions: env.INBOX_PARTITIONS,
            replicationFactor: env.KAFKA_REPLICATION_FACTOR,
            sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
            relay: { batchSize: env.RELAY_BATCH_SIZE, pollIntervalMs: env.RELAY_POLL_INTERVAL_MS },
            inbox: {
              maxAttempts: env.INBOX_MAX_ATTEMPTS,
              retryBackoffMs: env.INBOX_RETRY_BACKOFF_MS,
              chunkSize: env.INBOX_CHUNK_SIZE,
            },
            faultPoints: env.KAF_FAULT_POINTS,
          }),
        }),
        FederationModule.forRoot({
          identity: {
            code: node.code,
            name: node.name,
            tier: node.tier,
            parentCode: node.parent,
            version: config.version,
            startedAt: new Date(),
          },
          topology,
          statusReportIntervalMs: env.STATUS_REPORT_INTERVAL_MS,
        }),
        AuthModule.forRoot({
          nodeCode: node.code,
          hierarchy: topology,
          ...(config.authPublicKeyPem ? { publicKeyPem: config.authPublicKeyPem } : {}),
          ...(env.AUTH_JWKS_URL ? { jwksUrl: env.AUTH_JWKS_URL } : {}),
          issuer: env.AUTH_JWT_ISSUER,
          audience: env.AUTH_JWT_AUDIENCE,
          clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_SECONDS,
        }),
        AuditModule,
        DocumentsModule.forRoot(FEDERATION_DOCUMENTS),
        UpwardFiguresModule,
        ...capabilitiesOf(node.tier, env),
      ],
      controllers: [HealthController],
      providers: [NodeLifecycle, redisProbeProvider(env.REDIS_URL)],
    };
  }
}
