/** Queue and job names of one-stop settlement (BullMQ). */
export const SETTLEMENT_QUEUE = 'one-stop-settlement';
export const SETTLE_FINISHED_MONTHS_JOB = 'settle-finished-months';
