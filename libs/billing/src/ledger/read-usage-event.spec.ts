import { readUsageEvent } from './read-usage-event';

const now = new Date('2026-05-15T04:00:00Z');
const valid = {
  eventId: 'BOSS-1',
  customerId: '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b',
  product: 'sd_wan',
  billingMonth: '2026-05',
  occurredAt: '2026-05-14T10:00:00+08:00',
  amountFen: '-1250',
  quantity: '10.5',
  unit: 'Mbps',
};

describe('reading one usage event', () => {
  it('parses a well-formed event, amount as a bigint', () => {
    const read = readUsageEvent(valid, 3, now);
    expect(read).toEqual({
      ok: true,
      event: expect.objectContaining({ index: 3, eventId: 'BOSS-1', amountFen: -1250n, supersedes: null }),
    });
  });

  it('books every catalogue product, one-stop circuits included, under its own code', () => {
    for (const product of ['ddn', 'ethernet_private_line', 'sms', 'cdn', 'security']) {
      const read = readUsageEvent({ ...valid, product }, 0, now);
      expect(read).toEqual({ ok: true, event: expect.objectContaining({ product }) });
    }
    const wrongCase = readUsageEvent({ ...valid, product: 'DDN' }, 0, now);
    expect(wrongCase.ok).toBe(false);
  });

  it('names every field at fault', () => {
    const read = readUsageEvent(
      {
        ...valid,
        product: 'telegraph',
        billingMonth: '2026-09',
        amountFen: '12.5',
        occurredAt: '2026-05-14',
        extra: 1,
      },
      0,
      now,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.eventId).toBe('BOSS-1');
    for (const field of ['product', 'billingMonth', 'amountFen', 'occurredAt', 'extra']) {
      expect(read.reason).toContain(`${field}:`);
    }
  });

  it.each([null, 42, 'event', [valid]])('refuses %p as an event', (raw) => {
    expect(readUsageEvent(raw, 0, now)).toMatchObject({ ok: false, eventId: null, reason: /JSON object/ });
  });
});

describe('the quick path agrees with the DTO', () => {
  // Each of these goes the DTO's way (the quick path declines), and must get the DTO's answer.
  it.each([
    [{ quantity: null }, true],
    [{ unit: null }, true],
    [{ customerId: '00000000-0000-0000-0000-000000000000' }, true],
    [{ occurredAt: '2026-02-30T10:00:00+08:00' }, false],
    [{ occurredAt: '2026-05-14T24:00:00+08:00' }, false],
    // PostgreSQL refuses zone offsets from 15:00 and the year 0000: rejected here, per event.
    [{ occurredAt: '2026-05-14T10:00:00+16:00' }, false],
    [{ occurredAt: '2026-05-14T10:00:00-15:30' }, false],
    [{ occurredAt: '0000-05-14T10:00:00Z' }, false],
    [{ occurredAt: '2026-05-14T10:00:00+14:00' }, true],
    [{ eventId: 'x'.repeat(129) }, false],
    [{ unit: '' }, false],
    [{ supersedes: 'x'.repeat(129) }, false],
  ])('%p → ok: %p', (overrides, ok) => {
    expect(readUsageEvent({ ...valid, ...overrides }, 0, now).ok).toBe(ok);
  });

  it('reads a leap day and a lower-cased customer id', () => {
    const read = readUsageEvent(
      {
        ...valid,
        customerId: valid.customerId.toUpperCase(),
        occurredAt: '2024-02-29T23:59:59.5Z',
        billingMonth: '2024-02',
      },
      0,
      now,
    );
    expect(read).toMatchObject({
      ok: true,
      event: { customerId: valid.customerId, occurredAt: '2024-02-29T23:59:59.5Z' },
    });
  });
});

describe('an event that names its billing account instead of its customer', () => {
  const { customerId: _customer, ...withoutCustomer } = valid;
  const byAccount = { ...withoutCustomer, billingAccount: '4403-0000123' };

  it('is read with the account and no customer, on the quick path and the DTO path alike ', () => {
    const quick = readUsageEvent(byAccount, 0, now);
    const slow = readUsageEvent({ ...byAccount, quantity: '10.50' }, 0, now);
    expect(quick).toEqual({
      ok: true,
      event: expect.objectContaining({ billingAccount: '4403-0000123', customerId: null }),
    });
    expect(slow).toEqual({ ok: true, event: { ...(quick.ok && quick.event), quantity: '10.50' } });
  });

  it('is refused naming billingAccount when it names both, or an account number of the wrong shape', () => {
    const both = readUsageEvent({ ...valid, billingAccount: '4403-0000123' }, 0, now);
    const blank = readUsageEvent({ ...byAccount, billingAccount: ' 4403' }, 0, now);
    const long = readUsageEvent({ ...byAccount, billingAccount: 'A'.repeat(65) }, 0, now);
    expect(both).toEqual(
      expect.objectContaining({ ok: false, reason: expect.stringMatching(/^billingAccount: send either/) }),
    );
    expect(blank).toEqual(
      expect.objectContaining({ ok: false, reason: expect.stringMatching(/^billingAccount: /) }),
    );
    expect(long).toEqual(
      expect.objectContaining({ ok: false, reason: expect.stringMatching(/^billingAccount: /) }),
    );
  });

  it('is refused naming both fields when it names neither', () => {
    const neither = readUsageEvent(withoutCustomer, 0, now);
    expect(neither.ok).toBe(false);
    expect(!neither.ok && neither.problems.map((p) => p.split(':')[0])).toEqual([
      'customerId',
      'billingAccount',
    ]);
  });
});
