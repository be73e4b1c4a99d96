import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import type { NodeTier } from '@kaf/federation';
import { BillingPolicyController } from './billing-policy.controller';
import { BillingPolicyOverrideController } from './billing-policy-override.controller';
import { BillingPolicyOverrideService } from './billing-policy-override.service';
import {
  BILLING_POLICY_DEFAULTS,
  BILLING_POLICY_READER,
  type BillingPolicyDefaults,
} from './billing-policy.reader';
import { BillingPolicyReplica } from './billing-policy.replica';
import { BillingPolicyReplicaController } from './billing-policy-replica.controller';
import { BillingPolicyService } from './billing-policy.service';

export interface BillingPolicyOptions {
  /** What a node applies until the national node has published a policy. */
  defaults: BillingPolicyDefaults;
}

/**
 * The billing policy in force at this node, exported to every module as `BILLING_POLICY_READER`:
 * at the national node its own table (set by HQ, audited, versioned, published as the
 * `billing-policy` document), elsewhere the document as layered there (the province's own policy
 * over the national one, ADR 0032), or the defaults. A province also sets and withdraws its own.
 */
@Module({})
export class BillingPolicyModule {
  static forTier(tier: NodeTier, options: BillingPolicyOptions): DynamicModule {
    const national = tier === 'national';
    const province = tier === 'province';
    return {
      module: BillingPolicyModule,
      global: true,
      imports: national || province ? [AuditModule] : [],
      controllers: national
        ? [BillingPolicyController]
        : [BillingPolicyReplicaController, ...(province ? [BillingPolicyOverrideController] : [])],
      providers: [
        { provide: BILLING_POLICY_DEFAULTS, useValue: options.defaults },
        ...(national
          ? [BillingPolicyService, { provide: BILLING_POLICY_READER, useExisting: BillingPolicyService }]
          : [BillingPolicyReplica, { provide: BILLING_POLICY_READER, useExisting: BillingPolicyReplica }]),
        ...(province ? [BillingPolicyOverrideService] : []),
      ],
      exports: [BILLING_POLICY_READER, BILLING_POLICY_DEFAULTS],
    };
  }
}
