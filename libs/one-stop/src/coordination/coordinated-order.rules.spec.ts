import type { CoordinatedSegment } from './coordinated-circuit-order.entity';
import { cancelConflict, nextOpenDeadline, redispatchConflict } from './coordinated-order.rules';

const segment = (over: Partial<CoordinatedSegment>): CoordinatedSegment => ({
  segmentId: 's1',
  role: 'a_end',
  nodeCode: '440300',
  attempt: 1,
  state: 'accepted',
  reason: '',
  deadline: '2026-06-10T00:00:00.000Z',
  ...over,
});

describe('coordinated order rules', () => {
  it('takes the earliest deadline of the open segments of an order not final', () => {
    const segments = [
      segment({ segmentId: 's1', state: 'done', deadline: '2026-06-01T00:00:00.000Z' }),
      segment({ segmentId: 's2', state: 'inProgress', deadline: '2026-06-05T00:00:00.000Z' }),
      segment({ segmentId: 's3', state: 'pending', deadline: '2026-06-03T00:00:00.000Z' }),
      segment({ segmentId: 's4', state: 'dispatched', deadline: null }),
    ];
    expect(nextOpenDeadline('inProgress', segments)?.toISOString()).toBe('2026-06-03T00:00:00.000Z');
    expect(nextOpenDeadline('failed', segments)).toBeNull();
    expect(nextOpenDeadline('inProgress', [segments[0]!])).toBeNull();
  });

  it('refuses actions on final orders, and re-dispatch while a cancellation is under way', () => {
    expect(cancelConflict('completed')).toMatch(/completed/);
    expect(cancelConflict('pendingCancellation')).toBeUndefined();
    expect(redispatchConflict('pendingCancellation')).toMatch(/being cancelled/);
    expect(redispatchConflict('held')).toBeUndefined();
  });
});
