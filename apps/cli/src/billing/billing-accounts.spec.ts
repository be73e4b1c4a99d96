import { accountCovering, accountNumberFor, type CityAccount, unroutable } from './billing-accounts';

const ME = '0190a000-0000-7000-8000-000000000001';
const OTHER = '0190a000-0000-7000-8000-000000000002';
const MONTHS = ['2026-03', '2026-04', '2026-05'];

const account = (overrides: Partial<CityAccount> = {}): CityAccount => ({
  source: 'boss',
  accountNumber: '440300-a',
  openedOn: '2026-03-01',
  closedOn: null,
  holders: [{ fromMonth: '2026-03', customerId: ME }],
  ...overrides,
});

describe('accountCovering', () => {
  it('takes an account of the source that the customer holds, open in every month of the load', () => {
    expect(accountCovering([account()], ME, 'boss', MONTHS)).toBe('440300-a');
    expect(
      accountCovering(
        [
          account({ accountNumber: '440300-c', openedOn: '2025-11-20', closedOn: '2026-05-31' }),
          account({ accountNumber: '440300-b', holders: [{ fromMonth: '2025-01', customerId: ME }] }),
        ],
        ME,
        'boss',
        MONTHS,
      ),
    ).toBe('440300-b');
  });

  it('leaves out accounts of another source, opened or closed inside the load, or held by another customer', () => {
    const refused = [
      account({ source: 'other-billing' }),
      account({ openedOn: '2026-04-01' }),
      account({ closedOn: '2026-04-30' }),
      account({ holders: [{ fromMonth: '2026-03', customerId: OTHER }] }),
      // transferred to the customer from April: March would be booked for the other customer
      account({
        holders: [
          { fromMonth: '2026-03', customerId: OTHER },
          { fromMonth: '2026-04', customerId: ME },
        ],
      }),
      // transferred away in May
      account({
        holders: [
          { fromMonth: '2026-03', customerId: ME },
          { fromMonth: '2026-05', customerId: OTHER },
        ],
      }),
    ];
    expect(refused.filter((a) => accountCovering([a], ME, 'boss', MONTHS) !== undefined)).toEqual([]);
  });
});

describe('accountNumberFor', () => {
  it('is a valid account number derived from the city, the seed and the position', () => {
    const a = accountNumberFor('440300', 'kaf-load', 0);
    expect(a).toMatch(/^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/);
    expect(a.startsWith('440300-')).toBe(true);
    expect(accountNumberFor('440300', 'kaf-load', 0)).toBe(a);
    const others = [
      accountNumberFor('440100', 'kaf-load', 0),
      accountNumberFor('440300', 'other-seed', 0),
      accountNumberFor('440300', 'kaf-load', 1),
      accountNumberFor('440300', 'kaf-load', 0, 2),
    ];
    expect(new Set([a, ...others]).size).toBe(5);
  });
});

describe('unroutable', () => {
  const expected = new Map([
    ['440300-1', '440300'],
    ['440100-1', '440100'],
  ]);
  const row = (
    accountNumber: string,
    cityCode: string,
    openedOn = '2026-01-01',
    closedOn: string | null = null,
  ) => ({
    accountNumber,
    cityCode,
    openedOn,
    closedOn,
  });

  it('names the accounts the province holds no copy of yet', () => {
    expect(unroutable([], expected, MONTHS)).toEqual(['440100-1', '440300-1']);
    expect(unroutable([row('440300-1', '440300')], expected, MONTHS)).toEqual(['440100-1']);
    expect(unroutable([row('440300-1', '440300'), row('440100-1', '440100')], expected, MONTHS)).toEqual([]);
  });

  it('wants a copy of the expected city open in each month, across a move between cities', () => {
    const moved = [
      row('440300-1', '440100', '2026-01-01', '2026-03-31'),
      row('440300-1', '440300', '2026-04-01'),
    ];
    expect(unroutable([...moved, row('440100-1', '440100')], expected, MONTHS)).toEqual(['440300-1']);
    const split = [
      row('440300-1', '440300', '2026-01-01', '2026-03-31'),
      row('440300-1', '440300', '2026-04-01'),
    ];
    expect(unroutable([...split, row('440100-1', '440100')], expected, MONTHS)).toEqual([]);
    expect(
      unroutable([row('440300-1', '440300', '2026-04-02'), row('440100-1', '440100')], expected, MONTHS),
    ).toEqual(['440300-1']);
  });
});
