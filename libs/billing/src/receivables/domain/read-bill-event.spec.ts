import { readBillEvent } from './read-bill-event';

const now = new Date('2026-05-15T04:00:00Z');
const valid = {
  eventId: 'BILL-1',
  billingAccount: 'GZ-8800012345',
  billingMonth: '2026-04',
  amountDueFen: '1250000',
  dueDate: '2026-05-20',
};

function reasonOf(raw: unknown): string {
  const read = readBillEvent(raw, 0, now);
  if (read.ok) throw new Error('expected a refusal');
  return read.reason;
}

describe('reading one bill event', () => {
  it('parses a well-formed bill, amount as a bigint, optional fields null', () => {
    expect(readBillEvent(valid, 3, now)).toEqual({
      ok: true,
      event: {
        index: 3,
        eventId: 'BILL-1',
        billingAccount: 'GZ-8800012345',
        billingMonth: '2026-04',
        amountDueFen: 1250000n,
        dueDate: '2026-05-20',
        issuedAt: null,
        supersedes: null,
      },
    });
  });

  it('keeps issuedAt and supersedes, and a negative amount on a correction', () => {
    const read = readBillEvent(
      { ...valid, issuedAt: '2026-05-01T09:00:00+08:00', supersedes: 'BILL-0', amountDueFen: '-300' },
      0,
      now,
    );
    expect(read).toEqual({
      ok: true,
      event: expect.objectContaining({
        issuedAt: '2026-05-01T09:00:00+08:00',
        supersedes: 'BILL-0',
        amountDueFen: -300n,
      }),
    });
  });

  it('refuses a negative amount on an original, naming the field', () => {
    expect(reasonOf({ ...valid, amountDueFen: '-1' })).toBe(
      'amountDueFen: must not be negative unless the event corrects an earlier one (supersedes)',
    );
  });

  it.each(['2026-02-30', '2026-13-01', '20260520', '2026-5-20', '1999-12-31'])(
    'refuses the due date %p',
    (dueDate) => {
      expect(reasonOf({ ...valid, dueDate })).toMatch(/^dueDate: /);
    },
  );

  it('refuses a due date before its billing month begins', () => {
    expect(reasonOf({ ...valid, dueDate: '2026-03-31' })).toBe(
      'dueDate: must not be before its billing month 2026-04 begins',
    );
    expect(readBillEvent({ ...valid, dueDate: '2026-04-01' }, 0, now).ok).toBe(true);
  });

  it('takes months as usage does: up to next month, from 2000-01', () => {
    expect(readBillEvent({ ...valid, billingMonth: '2026-06', dueDate: '2026-07-15' }, 0, now).ok).toBe(true);
    expect(reasonOf({ ...valid, billingMonth: '2026-07', dueDate: '2026-08-15' })).toBe(
      'billingMonth: must be between 2000-01 and 2026-06',
    );
    expect(reasonOf({ ...valid, billingMonth: '1999-12' })).toMatch(/^billingMonth: must be between/);
  });

  it('names every field at fault, unknown ones included', () => {
    const read = readBillEvent(
      { billingMonth: 'May', amountDueFen: 12.5, dueDate: 'soon', issuedAt: '2026-05-01', extra: 1 },
      0,
      now,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.eventId).toBeNull();
    for (const field of [
      'eventId',
      'billingAccount',
      'billingMonth',
      'amountDueFen',
      'dueDate',
      'issuedAt',
      'extra',
    ]) {
      expect(read.problems.some((p) => p.startsWith(`${field}:`))).toBe(true);
    }
  });

  it('refuses an account number longer than 64 characters', () => {
    expect(reasonOf({ ...valid, billingAccount: 'x'.repeat(65) })).toMatch(/^billingAccount: /);
  });

  it.each([null, 42, 'bill', [valid]])('refuses %p as an event', (raw) => {
    expect(readBillEvent(raw, 0, now)).toMatchObject({ ok: false, eventId: null, reason: /JSON object/ });
  });
});
