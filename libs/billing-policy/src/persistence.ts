import { BillingPolicyEntity } from './billing-policy.entity';
import { DropBillingPolicyReplica1796618601111 } from './migrations/1796618601111-DropBillingPolicyReplica';

/** The national node's billing policy history (its replicas below are documents: `@kaf/documents`). */
export const BILLING_POLICY_ENTITIES = [BillingPolicyEntity];
export const BILLING_POLICY_MIGRATIONS = [DropBillingPolicyReplica1796618601111];
