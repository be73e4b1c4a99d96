import { addClockMinutes, clockMinutesBetween, type SlaClock, type WorkingCalendar } from '@kaf/platform';
import type { SlaTargetName } from './ticket-sla-clock.entity';

/** What a threshold does when it passes. */
export type ThresholdAction = 'warnOwner' | 'escalate' | 'escalateToNational';

/** 50 and 80 % warn the owner, 100 % escalates; restore also escalates to CN at twice its target. */
export const THRESHOLDS: Readonly<Record<SlaTargetName, readonly number[]>> = {
  response: [50, 80, 100],
  restore: [50, 80, 100, 200],
};

export function actionOf(percent: number): ThresholdAction {
  if (percent < 100) return 'warnOwner';
  return percent === 100 ? 'escalate' : 'escalateToNational';
}

/** The escalation's reason for a threshold of 100 % and more. */
export function breachReason(target: SlaTargetName, percent: number): string {
  return percent > 100 ? `${target}DoubleBreach` : `${target}Breach`;
}

/** A running clock's arithmetic: started, its target, and the clock minutes it stood still. */
export interface ClockTimes {
  clock: SlaClock;
  startedAt: Date;
  targetMinutes: number;
  pausedMinutes: number;
}

/**
 * When `percent` of the target will have run: the clock counts from its start and skips the
 * minutes it stood still, so the instant is the start plus that share of the target plus the
 * paused minutes, in the clock's own minutes (a working-day clock skips nights off and holidays).
 */
export function thresholdDue(times: ClockTimes, percent: number, calendar: WorkingCalendar): Date {
  const minutes = (times.targetMinutes * percent) / 100 + times.pausedMinutes;
  return addClockMinutes(times.startedAt, minutes, times.clock, calendar);
}

/** The clock minutes between a pause and its end, added to the clock's paused minutes. */
export function stoodStill(clock: SlaClock, since: Date, until: Date, calendar: WorkingCalendar): number {
  return until.getTime() > since.getTime() ? clockMinutesBetween(since, until, clock, calendar) : 0;
}
