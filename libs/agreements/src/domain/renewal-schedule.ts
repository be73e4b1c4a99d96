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

const TERMS_ID = /^([0-9a-f-]{36})\.(\d{4}-\d{2}-\d{2})\.(\d+)d$/;

/**
 * The durable deadline of an agreement's reminder terms: new terms get a deadline of their own,
 * so the reconciler arms them at once whatever became of the old terms' job.
 */
export function renewalDeadlineId(terms: ReminderTerms): string {
  return `${terms.agreementId}.${terms.endDate}.${terms.reminderDays}d`;
}

/** The terms a deadline id names; undefined for anything else. */
export function reminderTermsOf(id: string): ReminderTerms | undefined {
  const match = TERMS_ID.exec(id);
  return match ? { agreementId: match[1]!, endDate: match[2]!, reminderDays: Number(match[3]) } : undefined;
}

/** Idempotency key of the renewal task: one task per agreement and end date, whatever re-fires. */
export function renewalTaskKey(terms: Pick<ReminderTerms, 'agreementId' | 'endDate'>): string {
  return `renewal:${terms.agreementId}:${terms.endDate}`;
}
