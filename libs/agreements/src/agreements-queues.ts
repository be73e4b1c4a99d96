/** Queue and job names of the agreements capability (BullMQ). */
export const RENEWAL_REMINDER_QUEUE = 'agreements-renewal-reminders';
export const REMIND_RENEWAL_JOB = 'remind-renewal';

export const REMINDER_RECONCILE_QUEUE = 'agreements-reminder-reconcile';
export const RECONCILE_REMINDERS_JOB = 'reconcile-reminders';
