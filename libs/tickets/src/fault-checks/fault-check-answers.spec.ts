import { applyAnswer, type FaultCheckAnswer } from './fault-check-answers';
import type { FaultCheckState, TicketFaultCheckEntity } from './ticket-fault-check.entity';

function check(nodeCode: string, state: FaultCheckState = 'sent', round = 1): TicketFaultCheckEntity {
  return {
    id: `0190a1b2-0000-7000-8000-0000${round.toString().padStart(4, '0')}${nodeCode.slice(0, 4)}`,
    ticketId: '0190a1b2-0000-7000-8000-0000000000aa',
    circuitId: '0190a1b2-0000-7000-8000-0000000000bb',
    orderId: '0190a1b2-0000-7000-8000-0000000000cc',
    coordinator: 'CN',
    round,
    segmentId: `0190a1b2-0000-7000-8000-0000000${nodeCode.slice(0, 5)}`,
    nodeCode,
    role: 'a_end',
    state,
    dueAt: new Date('2026-12-10T02:00:00Z'),
    answeredAt: null,
    found: null,
    restoredAt: null,
    note: null,
    answeredBy: null,
    escalatedAt: null,
    createdAt: new Date('2026-12-10T01:00:00Z'),
    updatedAt: new Date('2026-12-10T01:00:00Z'),
  };
}

const at = new Date('2026-12-10T01:30:00Z');
const answer = (result: FaultCheckAnswer['result'], when = at): FaultCheckAnswer => ({
  result,
  at: when,
  engineer: 'ENG-1',
  note: ` ${result} `,
});

describe('fault check answers at the home city', () => {
  it('move the ticket on at the first found, and only note the next ones', () => {
    const [a, z, t] = [check('440300'), check('330100'), check('000000')];
    expect(applyAnswer(z, [a, z, t], answer('found'))).toEqual({ kind: 'found', nodeCode: '330100' });
    expect(z).toMatchObject({
      state: 'found',
      found: true,
      answeredAt: at,
      note: 'found',
      answeredBy: 'ENG-1',
    });
    expect(applyAnswer(t, [a, z, t], answer('found'))).toEqual({ kind: 'note' });
  });

  it('count a redelivered answer once, and ignore answers to a cancelled check', () => {
    const [a, z] = [check('440300'), check('330100')];
    applyAnswer(z, [a, z], answer('found'));
    expect(applyAnswer(z, [a, z], answer('found'))).toEqual({ kind: 'none' });
    const restoredAt = new Date('2026-12-10T01:50:00Z');
    applyAnswer(z, [a, z], answer('restored', restoredAt));
    expect(applyAnswer(z, [a, z], answer('restored'))).toEqual({ kind: 'none' });
    expect(z.restoredAt).toEqual(restoredAt);
    const gone = check('110100', 'cancelled');
    expect(applyAnswer(gone, [gone], answer('notFound'))).toEqual({ kind: 'none' });
  });

  it('restore the ticket once every found part is restored, at the latest restoration', () => {
    const [a, z] = [check('440300'), check('330100')];
    applyAnswer(a, [a, z], answer('found'));
    applyAnswer(z, [a, z], answer('found'));
    expect(applyAnswer(a, [a, z], answer('restored', new Date('2026-12-10T01:40:00Z')))).toEqual({
      kind: 'note',
    });
    expect(applyAnswer(z, [a, z], answer('restored', new Date('2026-12-10T01:45:00Z')))).toEqual({
      kind: 'restored',
      at: new Date('2026-12-10T01:45:00Z'),
    });
  });

  it('say so when no node found anything; an overdue check may still answer', () => {
    const [a, z] = [check('440300'), check('330100', 'overdue')];
    expect(applyAnswer(a, [a, z], answer('notFound'))).toEqual({ kind: 'note' });
    expect(applyAnswer(z, [a, z], answer('notFound'))).toEqual({ kind: 'nothingFound' });
    expect(z).toMatchObject({ state: 'notFound', found: false });
  });

  it("weigh only the answered check's round: the first round's restoration is history", () => {
    // Round 1 found and restored at 330100, nothing at 440300; the customer reopened.
    const first = [check('440300', 'notFound'), check('330100', 'restored')];
    first[1]!.restoredAt = new Date('2026-12-09T08:00:00Z');
    const [a, z] = [check('440300', 'sent', 2), check('330100', 'sent', 2)];
    const all = [...first, a, z];
    // Found again at 440300 is the new round's first find, whatever round 1 found.
    expect(applyAnswer(a, all, answer('found'))).toEqual({ kind: 'found', nodeCode: '440300' });
    expect(applyAnswer(z, all, answer('notFound'))).toEqual({ kind: 'note' });
    // Restored at the new round's time, not at round 1's.
    expect(applyAnswer(a, all, answer('restored', new Date('2026-12-10T01:50:00Z')))).toEqual({
      kind: 'restored',
      at: new Date('2026-12-10T01:50:00Z'),
    });
    // A late answer to round 1 changes nothing.
    expect(applyAnswer(first[0]!, all, answer('found'))).toEqual({ kind: 'none' });
  });

  it('say nothing was found from the round alone, though an earlier round found the fault', () => {
    const earlier = check('330100', 'restored');
    const [a, z] = [check('440300', 'sent', 2), check('330100', 'sent', 2)];
    applyAnswer(a, [earlier, a, z], answer('notFound'));
    expect(applyAnswer(z, [earlier, a, z], answer('notFound'))).toEqual({ kind: 'nothingFound' });
  });
});
