import { addDays, addMonths, shanghaiMidnight } from '@kaf/platform';

/**
 * The instant a month's slices are due: the end of day `deadlineDay` of the following month in
 * Asia/Shanghai (UTC+08:00 all year), exclusive. Day 5 for May: reported before 2026-06-06 00:00 +08:00.
 */
export function reportingDeadline(month: string, deadlineDay: number): Date {
  return shanghaiMidnight(addDays(`${addMonths(month, 1)}-01`, deadlineDay));
}

/** ANALYTICS_REPORT_DEADLINE_DAY, 1..28 (every month has it), default 5. */
export function deadlineDayFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ANALYTICS_REPORT_DEADLINE_DAY;
  if (raw === undefined || raw === '') return 5;
  const day = Number(raw);
  if (!Number.isInteger(day) || day < 1 || day > 28) {
    throw new Error(
      `ANALYTICS_REPORT_DEADLINE_DAY must be a whole day of the month 1..28, got ${JSON.stringify(raw)}`,
    );
  }
  return day;
}
