import { addDays, shanghaiMidnight } from '@kaf/platform';

/** What decides when an agreement's renewal reminder fires. */
export interface ReminderTerms {
  agreementId: string;
  /** `YYYY-MM-DD`, the last day of the agreement. */
  endDate: string;
  reminderDays: number;
}

/** The Shanghai day the reminder is due: `reminderDays` before the end date. */
export function reminderDate(terms: Pick<ReminderTerms, 'endDate' | 'reminderDays'>): string {
  return addDays(terms.endDate, -terms.reminderDays);
}

/** 00:00 Asia/Shanghai on the reminder day. */
export function reminderFireAt(terms: Pick<ReminderTerms, 'endDate' | 'reminderDays'>): Date {
  return shanghaiMidnight(reminderDate(terms));
}

/**
 * Queue job id: one job per agreement and terms, so scheduling again is a no-op and new terms get
 * a job of their own. BullMQ refuses custom ids with other than two colons, hence the dots.
 */
export function renewalJobId(terms: ReminderTerms): string {
  return `renewal:${terms.agreementId}:${terms.endDate}.${terms.reminderDays}d`;
}

/** Idempotency key of the renewal task: one task per agreement and end date, whatever re-fires. */
export function renewalTaskKey(terms: Pick<ReminderTerms, 'agreementId' | 'endDate'>): string {
  return `renewal:${terms.agreementId}:${terms.endDate}`;
}
