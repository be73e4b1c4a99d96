/** Queue and job names of reconciliation (BullMQ). */
export const RECONCILIATION_QUEUE = 'rollups-reconciliation';
export const RUN_RECONCILIATION_JOB = 'run-reconciliation';
