import { CreateBillingPolicyAndReconciliation1795827588065 } from './migrations/1795827588065-CreateBillingPolicyAndReconciliation';
import { ReconciliationChildEntity } from './reconciliation-child.entity';
import { ReconciliationRunEntity } from './reconciliation-run.entity';

/** Runs and their per-child findings, at provinces and the national node. */
export const USAGE_RECONCILIATION_ENTITIES = [ReconciliationRunEntity, ReconciliationChildEntity];
// The billing policy's first tables were created in this migration too, when it lived beside
// reconciliation; a migration is known by its name and timestamp, so it stays whole here.
export const USAGE_RECONCILIATION_MIGRATIONS = [CreateBillingPolicyAndReconciliation1795827588065];
