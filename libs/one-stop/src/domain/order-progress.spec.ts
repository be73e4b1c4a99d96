import { deriveOrderProgress, type SegmentProgress } from './order-progress';
import type { SegmentState } from './segment-states';

const segment = (
  role: SegmentProgress['role'],
  state: SegmentState,
  extra: Partial<SegmentProgress> = {},
): SegmentProgress => ({
  id: role,
  role,
  nodeCode: { a_end: '440300', z_end: '330100', transit: 'CN' }[role],
  state,
  refusedOnReceipt: false,
  reason: null,
  expectedCompletionDate: null,
  ...extra,
});

const three = (a: SegmentState, z: SegmentState, t: SegmentState, extra: Partial<SegmentProgress> = {}) => [
  segment('a_end', a, extra),
  segment('z_end', z, extra),
  segment('transit', t, extra),
];

describe('deriveOrderProgress', () => {
  it('stays acknowledged while the nodes only acknowledge', () => {
    expect(deriveOrderProgress('acknowledged', three('dispatched', 'acknowledged', 'acknowledged'))).toEqual({
      state: 'acknowledged',
      reason: null,
      expectedCompletionDate: null,
      compensate: [],
      completed: false,
    });
  });

  it('is in progress once a segment is accepted, expecting the latest date of the segments', () => {
    const segments = [
      segment('a_end', 'accepted', { expectedCompletionDate: '2026-08-10' }),
      segment('z_end', 'inProgress', { expectedCompletionDate: '2026-08-20' }),
      segment('transit', 'acknowledged'),
    ];
    expect(deriveOrderProgress('acknowledged', segments)).toMatchObject({
      state: 'inProgress',
      expectedCompletionDate: '2026-08-20',
      completed: false,
    });
  });

  it('does not fall back to acknowledged when a started segment is re-dispatched', () => {
    expect(deriveOrderProgress('inProgress', three('dispatched', 'acknowledged', 'acknowledged')).state).toBe(
      'inProgress',
    );
  });

  it('is pending while a segment waits on the customer, naming it, and in progress again after', () => {
    const waiting = three('inProgress', 'inProgress', 'inProgress');
    waiting[1] = segment('z_end', 'pending', { reason: 'site access' });
    expect(deriveOrderProgress('inProgress', waiting)).toMatchObject({
      state: 'pending',
      reason: 'z_end at 330100: site access',
    });
    expect(deriveOrderProgress('pending', three('inProgress', 'inProgress', 'done'))).toMatchObject({
      state: 'inProgress',
      reason: null,
    });
  });

  it('completes once every segment is done, and only then', () => {
    expect(deriveOrderProgress('inProgress', three('done', 'done', 'inProgress')).completed).toBe(false);
    expect(deriveOrderProgress('inProgress', three('done', 'done', 'done'))).toMatchObject({
      state: 'completed',
      completed: true,
      compensate: [],
    });
  });

  it('fails on a staff rejection or a failure, with the reason, and compensates open and done segments', () => {
    const segments = [
      segment('a_end', 'done'),
      segment('z_end', 'rejected', { reason: 'no fibre to the building' }),
      segment('transit', 'accepted'),
    ];
    expect(deriveOrderProgress('inProgress', segments)).toEqual({
      state: 'failed',
      reason: 'z_end at 330100: no fibre to the building',
      expectedCompletionDate: null,
      compensate: ['a_end', 'transit'],
      completed: false,
    });
    expect(
      deriveOrderProgress('acknowledged', three('failed', 'cancelled', 'dispatched', { reason: 'x' })),
    ).toMatchObject({ state: 'failed', compensate: ['transit'] });
  });

  it('is rejected when a node refused its segment on receipt', () => {
    const segments = [
      segment('a_end', 'acknowledged'),
      segment('z_end', 'rejected', { refusedOnReceipt: true, reason: 'unknown product' }),
      segment('transit', 'dispatched'),
    ];
    expect(deriveOrderProgress('acknowledged', segments)).toMatchObject({
      state: 'rejected',
      reason: 'z_end at 330100: unknown product',
      compensate: ['a_end', 'transit'],
    });
  });

  it('keeps a held order held, except that a failure still wins', () => {
    expect(deriveOrderProgress('held', three('done', 'done', 'done'))).toMatchObject({
      state: 'held',
      completed: false,
    });
    expect(deriveOrderProgress('held', three('done', 'failed', 'inProgress')).state).toBe('failed');
  });

  it('cancels a cancellation once every segment has ended, and not before', () => {
    expect(
      deriveOrderProgress('pendingCancellation', three('cancelled', 'cancelling', 'cancelled')).state,
    ).toBe('pendingCancellation');
    expect(
      deriveOrderProgress('pendingCancellation', three('cancelled', 'failed', 'cancelled')),
    ).toMatchObject({
      state: 'cancelled',
      compensate: [],
    });
    expect(
      deriveOrderProgress('assessingCancellation', three('cancelled', 'rejected', 'cancelled')).state,
    ).toBe('cancelled');
  });

  it('changes a final order no more', () => {
    for (const state of ['completed', 'failed', 'rejected', 'cancelled', 'partial'] as const) {
      expect(deriveOrderProgress(state, three('failed', 'cancelled', 'done'))).toEqual({
        state,
        reason: undefined,
        expectedCompletionDate: undefined,
        compensate: [],
        completed: false,
      });
    }
  });
});
