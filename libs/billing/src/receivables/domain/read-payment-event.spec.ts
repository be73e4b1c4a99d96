import { readPaymentEvent } from './read-payment-event';

/** 12:00 on 2026-05-15 in Shanghai. */
const now = new Date('2026-05-15T04:00:00Z');
const valid = {
  eventId: 'PAY-1',
  billingAccount: 'GZ-8800012345',
  amountFen: '500000',
  paidOn: '2026-05-10',
};

function reasonOf(raw: unknown): string {
  const read = readPaymentEvent(raw, 0, now);
  if (read.ok) throw new Error('expected a refusal');
  return read.reason;
}

describe('reading one payment event', () => {
  it('parses an unallocated payment', () => {
    expect(readPaymentEvent(valid, 2, now)).toEqual({
      ok: true,
      event: {
        index: 2,
        eventId: 'PAY-1',
        billingAccount: 'GZ-8800012345',
        amountFen: 500000n,
        paidOn: '2026-05-10',
        billingMonth: null,
        supersedes: null,
      },
    });
  });

  it('keeps the month of the bill it settles', () => {
    expect(readPaymentEvent({ ...valid, billingMonth: '2026-04' }, 0, now)).toMatchObject({
      ok: true,
      event: { billingMonth: '2026-04' },
    });
    expect(reasonOf({ ...valid, billingMonth: '2026-4' })).toMatch(/^billingMonth: must be a month/);
  });

  it('takes a negative amount only on a correction', () => {
    expect(reasonOf({ ...valid, amountFen: '-500' })).toBe(
      'amountFen: must not be negative unless the event corrects an earlier one (supersedes)',
    );
    expect(readPaymentEvent({ ...valid, amountFen: '-500', supersedes: 'PAY-0' }, 0, now)).toMatchObject({
      ok: true,
      event: { amountFen: -500n, supersedes: 'PAY-0' },
    });
  });

  it.each(['12.5', '+5', '007', '', '99999999999999'])('refuses the amount %p', (amountFen) => {
    expect(reasonOf({ ...valid, amountFen })).toMatch(/^amountFen: /);
  });

  it('takes a payment dated up to tomorrow in Shanghai, not later', () => {
    expect(readPaymentEvent({ ...valid, paidOn: '2026-05-16' }, 0, now).ok).toBe(true);
    expect(reasonOf({ ...valid, paidOn: '2026-05-17' })).toBe('paidOn: must not be after 2026-05-16');
    expect(reasonOf({ ...valid, paidOn: '2026-04-31' })).toMatch(/^paidOn: must be a calendar date/);
  });

  it('names every field at fault', () => {
    const read = readPaymentEvent(
      { eventId: 7, amountFen: 5, paidOn: 1, billingMonth: 2, other: true },
      0,
      now,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    for (const field of ['eventId', 'billingAccount', 'amountFen', 'paidOn', 'billingMonth', 'other']) {
      expect(read.problems.some((p) => p.startsWith(`${field}:`))).toBe(true);
    }
  });
});
