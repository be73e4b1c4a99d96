import { datesProblem, holderOf, judgeReference, monthOfDay, transferProblem } from './account-months';

const ACCOUNT = 'a-1';
const found = (
  over: Partial<{ openedOn: string; closedOn: string | null; customerId: string | null }> = {},
) => ({
  accountId: ACCOUNT,
  openedOn: '2026-03-15',
  closedOn: null,
  customerId: 'c-1',
  ...over,
});
const ref = (month: string) => ({ accountNumber: '4403-0000123', month });

describe('billing account month rules', () => {
  it('resolves every month from the opening month on while the account is open', () => {
    expect(judgeReference('boss', ref('2026-03'), found())).toEqual({
      ok: true,
      accountId: ACCOUNT,
      customerId: 'c-1',
    });
    expect(judgeReference('boss', ref('2031-12'), found())).toMatchObject({ ok: true });
  });

  it('names billingAccount for a number the city does not hold for that source', () => {
    expect(judgeReference('boss', ref('2026-03'), undefined)).toEqual({
      ok: false,
      field: 'billingAccount',
      reason: 'billingAccount: 4403-0000123 is not an account of boss in this city',
    });
  });

  it('names billingMonth for a month before the opening month or after the closing month', () => {
    const before = judgeReference('boss', ref('2026-02'), found());
    expect(before).toMatchObject({ ok: false, field: 'billingMonth' });
    expect(before.ok || before.reason.startsWith('billingMonth: 2026-02 is before')).toBe(true);
    const closed = found({ closedOn: '2026-06-01' });
    expect(judgeReference('boss', ref('2026-06'), closed)).toMatchObject({ ok: true });
    const after = judgeReference('boss', ref('2026-07'), closed);
    expect(after).toMatchObject({ ok: false, field: 'billingMonth' });
    expect(after.ok || after.reason.startsWith('billingMonth: 2026-07 is after')).toBe(true);
  });

  it('names billingMonth for a malformed month', () => {
    expect(judgeReference('boss', ref('2026-13'), found())).toMatchObject({
      ok: false,
      field: 'billingMonth',
    });
    expect(judgeReference('boss', ref('202603'), found())).toMatchObject({
      ok: false,
      field: 'billingMonth',
    });
  });

  it('takes the holder row with the greatest month not after the month asked', () => {
    const holders = [
      { fromMonth: '2026-07', customerId: 'b' },
      { fromMonth: '2026-03', customerId: 'a' },
      { fromMonth: '2026-10', customerId: 'c' },
    ];
    expect(holderOf(holders, '2026-02')).toBeUndefined();
    expect(holderOf(holders, '2026-03')?.customerId).toBe('a');
    expect(holderOf(holders, '2026-06')?.customerId).toBe('a');
    expect(holderOf(holders, '2026-07')?.customerId).toBe('b');
    expect(holderOf(holders, '2027-01')?.customerId).toBe('c');
  });

  it('accepts a transfer after the opening month, not before the latest holder, within the account', () => {
    const open = { openedOn: '2026-03-15', closedOn: null };
    expect(transferProblem(open, '2026-03', '2026-03')).toMatch(/after the month the account was opened/);
    expect(transferProblem(open, '2026-03', '2026-04')).toBeUndefined();
    expect(transferProblem(open, '2026-08', '2026-07')).toMatch(/latest change of holder \(2026-08\)/);
    expect(transferProblem(open, '2026-08', '2026-08')).toBeUndefined();
    const closed = { openedOn: '2026-03-15', closedOn: '2026-09-30' };
    expect(transferProblem(closed, '2026-03', '2026-10')).toMatch(/closed \(2026-09\)/);
  });

  it('refuses a close before the opening day or before the latest holder took over', () => {
    expect(datesProblem('2026-03-15', null, '2026-03')).toBeUndefined();
    expect(datesProblem('2026-03-15', '2026-03-15', '2026-03')).toBeUndefined();
    expect(datesProblem('2026-03-15', '2026-03-14', '2026-03')).toMatchObject({ field: 'closedOn' });
    expect(datesProblem('2026-03-15', '2026-06-30', '2026-07')).toMatchObject({ field: 'closedOn' });
    expect(monthOfDay('2026-03-15')).toBe('2026-03');
  });
});
