/** Queue names of the federation capability (BullMQ). */
export const STATUS_REPORT_QUEUE = 'federation-status-report';
export const REPORT_STATUS_JOB = 'report-status';
