export interface AgreementsOptions {
  /** Lead time of renewal reminders when an agreement does not set its own (days, 1..365). */
  renewalReminderDays: number;
  /** How often reminder jobs are re-created from the database, in case Redis lost them. */
  reminderReconcileIntervalMs: number;
}

export const AGREEMENTS_OPTIONS = Symbol('AGREEMENTS_OPTIONS');
