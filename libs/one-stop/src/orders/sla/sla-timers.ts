import type { DurableDeadlines } from '@kaf/platform';

/** The SLA timer of one segment attempt. */
export interface SlaTimer {
  segmentId: string;
  attempt: number;
  deadline: Date;
}

const ATTEMPT_ID = /^([0-9a-f-]{36})-a(\d+)$/;

/** The durable deadline of a segment attempt: each attempt has a timer of its own. */
export function slaDeadlineId(segmentId: string, attempt: number): string {
  return `${segmentId}-a${attempt}`;
}

/** The segment attempt a deadline id names; undefined for anything else. */
export function slaAttemptOf(id: string): { segmentId: string; attempt: number } | undefined {
  const match = ATTEMPT_ID.exec(id);
  return match ? { segmentId: match[1]!, attempt: Number(match[2]) } : undefined;
}

/** Arms the timers after a commit (or a best effort inside one): a Redis failure costs a reconcile interval. */
export async function armSlaTimers(deadlines: DurableDeadlines, timers: readonly SlaTimer[]): Promise<void> {
  for (const timer of timers) {
    await deadlines.armQuietly(slaDeadlineId(timer.segmentId, timer.attempt), timer.deadline);
  }
}
