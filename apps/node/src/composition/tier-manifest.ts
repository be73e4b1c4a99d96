import type { DynamicModule, Type } from '@nestjs/common';
import { AccountManagersModule } from '@kaf/account-managers';
import { AgreementsModule } from '@kaf/agreements';
import { BillingModule, ProvinceBillingDoorModule } from '@kaf/billing';
import { BillingAccountRoutesModule, BillingAccountsModule } from '@kaf/billing-accounts';
import { BILLING_POLICY_DOCUMENT, BillingPolicyModule } from '@kaf/billing-policy';
import { ContactsModule } from '@kaf/contacts';
import { CustomerImportExportModule, CustomerReportsModule, CustomersModule } from '@kaf/customers';
import type { DocumentDefinition } from '@kaf/documents';
import { NODE_TIERS, type NodeTier } from '@kaf/federation';
import { GROUP_REGISTRY_DOCUMENT, GroupRegistryModule, GroupReplicaModule } from '@kaf/groups';
import { ONE_STOP_POLICY_DOCUMENT, OneStopModule } from '@kaf/one-stop';
import { NationalCubeModule } from '@kaf/national-cube';
import { ProvinceUsageModule } from '@kaf/province-usage';
import { FiguresReconciliationModule, type ReconciliationOptions } from '@kaf/upward-figures';
import { NationalAnalyticsModule, ProvinceAnalyticsModule } from '@kaf/usage-analytics';
import { VisitsModule } from '@kaf/visits';
import { EscalationsModule } from '@kaf/escalations';
import {
  SERVICE_POLICY_DOCUMENT,
  ServicePolicyApiModule,
  WORKING_CALENDAR_DOCUMENT,
} from '@kaf/service-policy';
import { ServiceQualityModule } from '@kaf/service-quality';
import { FaultChecksModule, TicketQualityModule, TicketSlaModule, TicketsModule } from '@kaf/tickets';
import type { NodeEnv } from '../config/node-config';

/** One business capability as a node composes it: the tiers that run it, and how it is built. */
export interface Capability {
  name: string;
  tiers: readonly NodeTier[];
  module: (tier: NodeTier, env: NodeEnv) => Type | DynamicModule;
}

const EVERY_TIER = NODE_TIERS;

const reconciliationOptions = (env: NodeEnv): ReconciliationOptions => ({
  intervalMs: env.RECONCILIATION_INTERVAL_MS,
  answerTimeoutMs: env.RECONCILIATION_ANSWER_TIMEOUT_MS,
});

/**
 * The tier manifest: every business capability on top of the shared foundation, once, with the
 * tiers that run it. The foundation (messaging, federation, auth, audit, documents, observability,
 * job schedules) runs everywhere and is composed in `AppModule`.
 */
export const CAPABILITIES: readonly Capability[] = [
  {
    name: 'billing policy',
    tiers: EVERY_TIER,
    module: (tier, env) =>
      BillingPolicyModule.forTier(tier, {
        defaults: {
          highValueMinMonthlyFen: env.USAGE_HIGH_VALUE_MIN_MONTHLY_FEN,
          churnDropPercent: env.USAGE_CHURN_DROP_PERCENT,
        },
      }),
  },
  { name: 'group registry', tiers: ['national'], module: () => GroupRegistryModule },
  { name: 'group registry replica', tiers: ['city'], module: () => GroupReplicaModule },
  { name: 'account managers', tiers: ['city'], module: () => AccountManagersModule },
  { name: 'customers', tiers: ['city'], module: () => CustomersModule },
  { name: 'customer import and export', tiers: ['city'], module: () => CustomerImportExportModule },
  { name: "cities' customers", tiers: ['province'], module: () => CustomerReportsModule },
  { name: 'billing accounts', tiers: ['city'], module: () => BillingAccountsModule },
  { name: "cities' billing accounts", tiers: ['province'], module: () => BillingAccountRoutesModule },
  { name: 'visits and tasks', tiers: ['city'], module: () => VisitsModule },
  { name: 'contacts', tiers: ['city'], module: () => ContactsModule },
  {
    name: 'service agreements',
    tiers: ['city'],
    module: (_tier, env) =>
      AgreementsModule.forRoot({
        renewalReminderDays: env.AGREEMENT_RENEWAL_REMINDER_DAYS,
        reminderReconcileIntervalMs: env.AGREEMENT_REMINDER_RECONCILE_MS,
      }),
  },
  {
    name: 'billing: usage, bills and payments',
    tiers: ['city'],
    module: (_tier, env) =>
      BillingModule.forRoot({
        kafkaDoor: {
          partitions: env.BILLING_USAGE_PARTITIONS,
          maxEventsPerTransaction: env.BILLING_USAGE_CHUNK_EVENTS,
        },
        usageReportIntervalMs: env.USAGE_REPORT_INTERVAL_MS,
      }),
  },
  {
    name: 'province-wide billing door',
    tiers: ['province'],
    module: (_tier, env) =>
      ProvinceBillingDoorModule.forRoot({
        kafkaDoor: {
          partitions: env.BILLING_USAGE_PARTITIONS,
          maxEventsPerTransaction: env.BILLING_USAGE_CHUNK_EVENTS,
        },
      }),
  },
  {
    name: 'province usage',
    tiers: ['province'],
    module: (_tier, env) =>
      ProvinceUsageModule.forRoot({
        slices: { intervalMs: env.USAGE_SLICE_INTERVAL_MS, maxSlicesPerRound: env.USAGE_SLICE_MAX_PER_ROUND },
      }),
  },
  { name: 'national cube', tiers: ['national'], module: () => NationalCubeModule },
  {
    name: 'province usage analytics',
    tiers: ['province'],
    module: (_tier, env) =>
      ProvinceAnalyticsModule.forRoot({ reportDeadlineDay: env.ANALYTICS_REPORT_DEADLINE_DAY }),
  },
  {
    name: 'national usage analytics',
    tiers: ['national'],
    module: (_tier, env) =>
      NationalAnalyticsModule.forRoot({ reportDeadlineDay: env.ANALYTICS_REPORT_DEADLINE_DAY }),
  },
  {
    name: 'reconciliation of the figures reported upward',
    tiers: ['province', 'national'],
    module: (_tier, env) => FiguresReconciliationModule.forRoot(reconciliationOptions(env)),
  },
  {
    name: 'one-stop circuit orders',
    tiers: EVERY_TIER,
    module: (tier, env) =>
      OneStopModule.forTier(tier, {
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
          ...(env.ONE_STOP_DEFAULT_QUOTE_REPLY_SECONDS
            ? { quoteReplySeconds: env.ONE_STOP_DEFAULT_QUOTE_REPLY_SECONDS }
            : {}),
        },
      }),
  },
  {
    name: 'service policy and working calendar',
    tiers: EVERY_TIER,
    module: (tier) => ServicePolicyApiModule.forTier(tier),
  },
  { name: 'escalations', tiers: EVERY_TIER, module: () => EscalationsModule },
  { name: 'trouble tickets', tiers: ['city'], module: () => TicketsModule },
  {
    name: 'SLA clocks of trouble tickets',
    tiers: ['city'],
    module: (_tier, env) => TicketSlaModule.forRoot({ reconcileIntervalMs: env.TICKET_SLA_RECONCILE_MS }),
  },
  {
    name: "the city's service quality reported upward",
    tiers: ['city'],
    module: (_tier, env) => TicketQualityModule.forRoot({ intervalMs: env.USAGE_REPORT_INTERVAL_MS }),
  },
  {
    name: 'service quality',
    tiers: ['province', 'national'],
    module: (tier, env) =>
      ServiceQualityModule.forTier(tier === 'national' ? 'national' : 'province', {
        slices: { intervalMs: env.USAGE_SLICE_INTERVAL_MS, maxSlicesPerRound: env.USAGE_SLICE_MAX_PER_ROUND },
      }),
  },
  {
    name: 'fault checks on one-stop circuits (home city)',
    tiers: ['city'],
    // The checks' timers are one-stop timers: rebuilt on the same interval as the segments' SLA timers.
    module: (_tier, env) => FaultChecksModule.forRoot({ reconcileIntervalMs: env.ONE_STOP_SLA_RECONCILE_MS }),
  },
];

/** Documents published downward; every node knows them all, since provinces relay what they do not apply. */
export const FEDERATION_DOCUMENTS: readonly DocumentDefinition[] = [
  BILLING_POLICY_DOCUMENT,
  ONE_STOP_POLICY_DOCUMENT,
  GROUP_REGISTRY_DOCUMENT,
  SERVICE_POLICY_DOCUMENT,
  WORKING_CALENDAR_DOCUMENT,
];

/** The capability modules a node of `tier` runs, in manifest order. */
export function capabilitiesOf(tier: NodeTier, env: NodeEnv): (Type | DynamicModule)[] {
  return CAPABILITIES.filter((c) => c.tiers.includes(tier)).map((c) => c.module(tier, env));
}
