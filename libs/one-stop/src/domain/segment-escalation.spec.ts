import { overtakenBy, segmentOfSubject, segmentSubject, subjectOvertakenBy } from './segment-escalation';

const SEGMENT = '0190a1b2-0000-7000-8000-00000000000a';

describe('segment escalations', () => {
  it('name one subject per segment attempt, and read it back', () => {
    expect(segmentSubject(SEGMENT, 2)).toBe(`${SEGMENT}/2`);
    expect(segmentOfSubject(`${SEGMENT.toUpperCase()}/2`)).toEqual({ segmentId: SEGMENT, attempt: 2 });
    for (const other of [SEGMENT, `${SEGMENT}/0`, `${SEGMENT}/x`, 'ticket-1', `a/${SEGMENT}/1`]) {
      expect(segmentOfSubject(other)).toBeUndefined();
    }
  });

  it('say how a later order state overtakes an escalation', () => {
    const open = { attempt: 1, state: 'accepted' };
    expect(overtakenBy('completed', open, 1)).toBe('orderClosed');
    expect(overtakenBy('cancelled', undefined, 1)).toBe('orderClosed');
    expect(overtakenBy('inProgress', { attempt: 2, state: 'dispatched' }, 1)).toBe('attemptSuperseded');
    expect(overtakenBy('inProgress', { attempt: 1, state: 'done' }, 1)).toBe('segmentDone');
    expect(overtakenBy('inProgress', open, 1)).toBeUndefined();
    expect(overtakenBy('inProgress', undefined, 1)).toBeUndefined();
  });

  it('read the subject before the rule, and leave what is not a segment attempt alone', () => {
    const segments = new Map([[SEGMENT, { attempt: 2, state: 'dispatched' }]]);
    const of = (id: string) => segments.get(id);
    expect(subjectOvertakenBy('inProgress', of, `${SEGMENT}/1`)).toBe('attemptSuperseded');
    expect(subjectOvertakenBy('inProgress', of, `${SEGMENT}/2`)).toBeUndefined();
    expect(subjectOvertakenBy('completed', of, 'ticket-1')).toBeUndefined();
  });
});
