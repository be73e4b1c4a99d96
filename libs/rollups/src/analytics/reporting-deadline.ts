import { addMonths } from '@kaf/platform';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * The instant a month's slices are due: the end of day `deadlineDay` of the following month in
 * Asia/Shanghai (UTC+08:00 all year), exclusive. Day 5 for May: reported before 2026-06-06 00:00 +08:00.
 */
export function reportingDeadline(month: string, deadlineDay: number): Date {
  const next = addMonths(month, 1);
  const utcMidnight = Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, deadlineDay + 1);
  return new Date(utcMidnight - SHANGHAI_OFFSET_MS);
}
