import { CreateBillingPolicyAndReconciliation1795827588065 } from './migrations/1795827588065-CreateBillingPolicyAndReconciliation';
import { ReconcileByMeasure1796628941479 } from './migrations/1796628941479-ReconcileByMeasure';
import { ReconciliationChildEntity } from './reconciliation-child.entity';
import { ReconciliationRunEntity } from './reconciliation-run.entity';

/** Runs and their per-child findings, at provinces and the national node. */
export const UPWARD_FIGURES_ENTITIES = [ReconciliationRunEntity, ReconciliationChildEntity];
// The billing policy's first tables were created in the first migration too, when it lived beside
// reconciliation; a migration is known by its name and timestamp, so it stays whole here.
export const UPWARD_FIGURES_MIGRATIONS = [
  CreateBillingPolicyAndReconciliation1795827588065,
  ReconcileByMeasure1796628941479,
];
