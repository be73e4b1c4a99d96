import { Module } from '@nestjs/common';
import { UsageSliceMarkingModule } from '../slices/usage-slice-marking.module';
import { BillingPolicyPublishedHandler } from './billing-policy-published.handler';
import { BillingPolicyReplicaController } from './billing-policy-replica.controller';
import { BillingPolicyReplicaResync } from './billing-policy-replica-resync';
import { BillingPolicyReplicaStore } from './billing-policy-replica.store';
import { BILLING_POLICY_READER } from './billing-policy.reader';

/**
 * Province and city: the billing policy in force, exported as `BILLING_POLICY_READER`: the
 * highest version the national node published, or the node's configured defaults until one
 * arrives (a node without one asks the national node at boot).
 */
@Module({
  imports: [UsageSliceMarkingModule],
  controllers: [BillingPolicyReplicaController],
  providers: [
    BillingPolicyReplicaStore,
    BillingPolicyPublishedHandler,
    BillingPolicyReplicaResync,
    { provide: BILLING_POLICY_READER, useExisting: BillingPolicyReplicaStore },
  ],
  exports: [BILLING_POLICY_READER],
})
export class BillingPolicyReplicaModule {}
