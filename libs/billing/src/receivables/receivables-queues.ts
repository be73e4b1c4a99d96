/** Queue and job names of bills, payments and arrears (BullMQ). */
export const ARREARS_REFRESH_QUEUE = 'billing-arrears-refresh';
export const REFRESH_ARREARS_MONTHS_JOB = 'refresh-arrears-months';
