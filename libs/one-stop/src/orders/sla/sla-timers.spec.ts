import type { DurableDeadlines } from '@kaf/platform';
import { armSlaTimers, slaAttemptOf, slaDeadlineId } from './sla-timers';

const SEGMENT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

describe('segment SLA timers as durable deadlines', () => {
  it('gives each attempt of a segment a deadline of its own, and reads it back', () => {
    expect(slaDeadlineId(SEGMENT, 1)).toBe(`${SEGMENT}-a1`);
    expect(slaDeadlineId(SEGMENT, 2)).not.toBe(slaDeadlineId(SEGMENT, 1));
    // BullMQ refuses job ids with colons.
    expect(slaDeadlineId(SEGMENT, 12)).not.toContain(':');
    expect(slaAttemptOf(slaDeadlineId(SEGMENT, 12))).toEqual({ segmentId: SEGMENT, attempt: 12 });
  });

  it('reads no attempt from anything else, such as the data of a job of the old scheduler', () => {
    expect(slaAttemptOf(`sla-${SEGMENT}-a1`)).toBeUndefined();
    expect(slaAttemptOf(SEGMENT)).toBeUndefined();
    expect(slaAttemptOf('')).toBeUndefined();
    expect(slaAttemptOf(undefined as unknown as string)).toBeUndefined();
  });

  it('arms every timer it is given, each at its deadline', async () => {
    const armed: [string, Date][] = [];
    const deadlines = {
      armQuietly: (id: string, dueAt: Date) => {
        armed.push([id, dueAt]);
        return Promise.resolve();
      },
    } as unknown as DurableDeadlines;
    const at = new Date('2026-12-07T20:00:00Z');
    await armSlaTimers(deadlines, [
      { segmentId: SEGMENT, attempt: 1, deadline: at },
      { segmentId: SEGMENT, attempt: 2, deadline: new Date(at.getTime() + 1000) },
    ]);
    expect(armed).toEqual([
      [`${SEGMENT}-a1`, at],
      [`${SEGMENT}-a2`, new Date(at.getTime() + 1000)],
    ]);
  });
});
