import { addDays, addMonths, shanghaiMidnight } from '@kaf/platform';

/**
 * The instant a month's slices are due: the end of day `deadlineDay` of the following month in
 * Asia/Shanghai (UTC+08:00 all year), exclusive. Day 5 for May: reported before 2026-06-06 00:00 +08:00.
 */
export function reportingDeadline(month: string, deadlineDay: number): Date {
  return shanghaiMidnight(addDays(`${addMonths(month, 1)}-01`, deadlineDay));
}
