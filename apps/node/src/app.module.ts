import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountManagersModule } from '@kaf/account-managers';
import { AgreementsModule } from '@kaf/agreements';
import { AuditModule } from '@kaf/audit';
import { AuthModule } from '@kaf/auth';
import { BillingModule } from '@kaf/billing';
import { BILLING_POLICY_DOCUMENT, BillingPolicyModule } from '@kaf/billing-policy';
import { ContactsModule } from '@kaf/contacts';
import { CustomerImportExportModule, CustomerReportsModule, CustomersModule } from '@kaf/customers';
import { DocumentsModule } from '@kaf/documents';
import { FederationModule, type NodeTier } from '@kaf/federation';
import { GROUP_REGISTRY_DOCUMENT, GroupRegistryModule, GroupReplicaModule } from '@kaf/groups';
import { MessagingModule } from '@kaf/messaging';
import { NationalCubeModule } from '@kaf/national-cube';
import { ObservabilityModule } from '@kaf/observability';
import { ONE_STOP_POLICY_DOCUMENT, OneStopModule } from '@kaf/one-stop';
import { ProvinceUsageModule } from '@kaf/province-usage';
import { NationalAnalyticsModule, ProvinceAnalyticsModule } from '@kaf/usage-analytics';
import { UsageReconciliationModule } from '@kaf/usage-reconciliation';
import { VisitsModule } from '@kaf/visits';
import type { NodeConfig } from './config/node-config';
import { nodeDataSourceOptions } from './database/node-data-source';
import { redisProbeProvider } from './health/redis-probe.provider';
import { HealthController } from './health/health.controller';
import { NodeLifecycle } from './lifecycle/node-lifecycle';

/**
 * Business capabilities each tier runs on top of the shared foundation. A capability lib is
 * listed under every tier that serves it.
 */
const TIER_CAPABILITIES: Record<NodeTier, Type[]> = {
  national: [GroupRegistryModule, NationalCubeModule, NationalAnalyticsModule, UsageReconciliationModule],
  province: [CustomerReportsModule, ProvinceUsageModule, ProvinceAnalyticsModule, UsageReconciliationModule],
  city: [
    AccountManagersModule,
    GroupReplicaModule,
    CustomersModule,
    CustomerImportExportModule,
    VisitsModule,
    ContactsModule,
  ],
};

/** Documents published downward; every node knows them all, since provinces relay what they do not apply. */
const FEDERATION_DOCUMENTS = [BILLING_POLICY_DOCUMENT, ONE_STOP_POLICY_DOCUMENT, GROUP_REGISTRY_DOCUMENT];

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
        TypeOrmModule.forRoot(nodeDataSourceOptions(env.DATABASE_URL, node.code, env.DB_POOL_SIZE)),
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
        MessagingModule.forRootAsync({
          useFactory: () => ({
            nodeCode: node.code,
            namespace: env.FEDERATION_NAMESPACE,
            databaseUrl: env.DATABASE_URL,
            brokers: env.KAFKA_BROKERS,
            inboxPartitions: env.INBOX_PARTITIONS,
            replicationFactor: env.KAFKA_REPLICATION_FACTOR,
            relay: { batchSize: env.RELAY_BATCH_SIZE, pollIntervalMs: env.RELAY_POLL_INTERVAL_MS },
            inbox: {
              maxAttempts: env.INBOX_MAX_ATTEMPTS,
              retryBackoffMs: env.INBOX_RETRY_BACKOFF_MS,
              chunkSize: env.INBOX_CHUNK_SIZE,
            },
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
        BillingPolicyModule.forTier(node.tier, {
          defaults: {
            highValueMinMonthlyFen: env.USAGE_HIGH_VALUE_MIN_MONTHLY_FEN,
            churnDropPercent: env.USAGE_CHURN_DROP_PERCENT,
          },
        }),
        ...TIER_CAPABILITIES[node.tier],
        OneStopModule.forTier(node.tier, {
          slaReconcileIntervalMs: env.ONE_STOP_SLA_RECONCILE_MS,
          quoteValidDays: env.ONE_STOP_QUOTE_VALID_DAYS,
          settlementCheckIntervalMs: env.ONE_STOP_SETTLEMENT_CHECK_MS,
          policyDefaults: {
            ...(env.ONE_STOP_DEFAULT_END_SLA_SECONDS
              ? { endSegmentSeconds: env.ONE_STOP_DEFAULT_END_SLA_SECONDS }
              : {}),
            ...(env.ONE_STOP_DEFAULT_TRANSIT_SLA_SECONDS
              ? { transitSegmentSeconds: env.ONE_STOP_DEFAULT_TRANSIT_SLA_SECONDS }
              : {}),
          },
        }),
        // Agreements and billing take settings from the environment, so they join the city tier here.
        ...(node.tier === 'city'
          ? [
              AgreementsModule.forRoot({
                renewalReminderDays: env.AGREEMENT_RENEWAL_REMINDER_DAYS,
                reminderReconcileIntervalMs: env.AGREEMENT_REMINDER_RECONCILE_MS,
              }),
              BillingModule.forRoot({
                kafkaDoor: {
                  partitions: env.BILLING_USAGE_PARTITIONS,
                  maxEventsPerTransaction: env.BILLING_USAGE_CHUNK_EVENTS,
                },
              }),
            ]
          : []),
      ],
      controllers: [HealthController],
      providers: [NodeLifecycle, redisProbeProvider(env.REDIS_URL)],
    };
  }
}
