import { Module } from '@nestjs/common';
import {
  BILLING_POLICY_READER,
  type BillingPolicyReader,
  defaultBillingPolicy,
} from './billing-policy.reader';

/**
 * Province and city: the billing policy in force, exported as `BILLING_POLICY_READER`.
 * Today the node's configured defaults; the policy published by the national node replaces them.
 */
@Module({
  providers: [
    {
      provide: BILLING_POLICY_READER,
      useFactory: (): BillingPolicyReader => {
        const policy = defaultBillingPolicy();
        return { current: () => Promise.resolve(policy) };
      },
    },
  ],
  exports: [BILLING_POLICY_READER],
})
export class BillingPolicyReplicaModule {}
