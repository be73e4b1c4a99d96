import {
  ceaseDateOf,
  type CircuitVersionTerms,
  daysInMonth,
  monthCharge,
  roundHalfUp,
  versionInForce,
} from './circuit-proration';

const add = (effectiveDate: string, fen: bigint): CircuitVersionTerms => ({
  version: 1,
  action: 'add',
  effectiveDate,
  monthlyChargeFen: fen,
});
const modify = (version: number, effectiveDate: string, fen: bigint): CircuitVersionTerms => ({
  version,
  action: 'modify',
  effectiveDate,
  monthlyChargeFen: fen,
});
const cease = (version: number, effectiveDate: string, fen = 0n): CircuitVersionTerms => ({
  version,
  action: 'delete',
  effectiveDate,
  monthlyChargeFen: fen,
});

describe('daysInMonth', () => {
  it('counts the days of a month, February by leap year', () => {
    expect(['2026-01', '2026-04', '2027-02', '2028-02', '2100-02', '2000-02'].map(daysInMonth)).toEqual([
      31, 30, 28, 29, 28, 29,
    ]);
  });
});

describe('monthCharge', () => {
  it('charges a whole month in service at the monthly charge', () => {
    expect(monthCharge([add('2026-05-20', 1_000_001n)], '2026-06')).toEqual({
      daysInMonth: 30,
      days: [{ version: 1, days: 30 }],
      lastVersion: 1,
      chargeFen: 1_000_001n,
    });
  });

  it('counts the first month from the completion date, and nothing before it', () => {
    // June has 30 days; 11 June to 30 June are 20 of them: 1,000,000 × 20 / 30 = 666,666.67.
    expect(monthCharge([add('2026-06-11', 1_000_000n)], '2026-06').chargeFen).toBe(666_667n);
    expect(monthCharge([add('2026-06-11', 1_000_000n)], '2026-05')).toMatchObject({
      days: [],
      lastVersion: undefined,
      chargeFen: 0n,
    });
  });

  it('settles a mid-month upgrade by the days of each version', () => {
    // 11–20 June at 1,000,000, 21–30 June at 1,600,000: (10,000,000 + 16,000,000) / 30 = 866,666.67.
    const versions = [add('2026-06-11', 1_000_000n), modify(2, '2026-06-21', 1_600_000n)];
    expect(monthCharge(versions, '2026-06')).toEqual({
      daysInMonth: 30,
      days: [
        { version: 1, days: 10 },
        { version: 2, days: 10 },
      ],
      lastVersion: 2,
      chargeFen: 866_667n,
    });
    expect(monthCharge(versions, '2026-07').chargeFen).toBe(1_600_000n);
  });

  it('counts the cease day and nothing after it; no month after the cease month', () => {
    // 1–10 July of 31 days at 310,000: exactly 100,000.
    const versions = [add('2026-05-01', 310_000n), cease(2, '2026-07-10', 310_000n)];
    expect(monthCharge(versions, '2026-07')).toMatchObject({
      days: [{ version: 1, days: 10 }],
      lastVersion: 1,
      chargeFen: 100_000n,
    });
    expect(monthCharge(versions, '2026-08')).toMatchObject({ days: [], chargeFen: 0n });
    expect(monthCharge([add('2026-05-01', 310_000n), cease(2, '2026-06-30')], '2026-06').chargeFen).toBe(
      310_000n,
    );
  });

  it('settles a circuit ceased in the month it was completed for the days between', () => {
    // 10–19 April of 30 days at 900,000: 300,000.
    const versions = [add('2026-04-10', 900_000n), cease(2, '2026-04-19', 900_000n)];
    expect(monthCharge(versions, '2026-04').chargeFen).toBe(300_000n);
  });

  it('settles a completion on the last day of the month for that one day', () => {
    // 1,000,000 / 31 = 32,258.06.
    expect(monthCharge([add('2026-01-31', 1_000_000n)], '2026-01')).toMatchObject({
      days: [{ version: 1, days: 1 }],
      chargeFen: 32_258n,
    });
    expect(monthCharge([add('2026-01-31', 1_000_000n)], '2026-02').chargeFen).toBe(1_000_000n);
  });

  it('rounds half a fen up, less than half down', () => {
    // 1 fen × 15 / 30 = 0.5 → 1; 1 fen × 14 / 30 → 0; 3 fen × 5 / 30 = 0.5 → 1.
    expect(monthCharge([add('2026-06-16', 1n)], '2026-06').chargeFen).toBe(1n);
    expect(monthCharge([add('2026-06-17', 1n)], '2026-06').chargeFen).toBe(0n);
    expect(monthCharge([add('2026-06-26', 3n)], '2026-06').chargeFen).toBe(1n);
    // Half a fen from two versions together: 1 day at 3 + 3 days at 4 = 15 fen-days / 30 → 1.
    expect(
      monthCharge(
        [add('2026-06-01', 0n), modify(2, '2026-06-27', 3n), modify(3, '2026-06-28', 4n)],
        '2026-06',
      ).chargeFen,
    ).toBe(1n);
  });

  it('prorates February by its own days, leap years included', () => {
    // 15–28 February 2027 (28 days) and 15–29 February 2028 (29 days): half a month each.
    expect(monthCharge([add('2027-02-15', 2_800_000n)], '2027-02').chargeFen).toBe(1_400_000n);
    expect(monthCharge([add('2028-02-15', 2_900_000n)], '2028-02').chargeFen).toBe(1_500_000n);
    // 1,000,000 × 14 / 28 and × 15 / 29 = 517,241.38.
    expect(monthCharge([add('2027-02-15', 1_000_000n)], '2027-02').chargeFen).toBe(500_000n);
    expect(monthCharge([add('2028-02-15', 1_000_000n)], '2028-02').chargeFen).toBe(517_241n);
  });

  it('takes versions in any order: the highest version in force wins each day', () => {
    const inOrder = [add('2026-06-11', 1_000_000n), modify(2, '2026-06-21', 1_600_000n)];
    expect(monthCharge([...inOrder].reverse(), '2026-06')).toEqual(monthCharge(inOrder, '2026-06'));
    // Version 3 took effect before version 2's date: from the 15th it is in force, 2 never is.
    const v3 = modify(3, '2026-06-15', 700_000n);
    expect(monthCharge([v3, ...inOrder], '2026-06')).toMatchObject({
      days: [
        { version: 1, days: 4 },
        { version: 3, days: 16 },
      ],
      lastVersion: 3,
      // (4 × 1,000,000 + 16 × 700,000) / 30 = 506,666.67.
      chargeFen: 506_667n,
    });
  });

  it('settles what is there when the first version has not arrived', () => {
    // A change without its add: the days from the change count, none before.
    expect(monthCharge([modify(2, '2026-06-21', 1_500_000n)], '2026-06').chargeFen).toBe(500_000n);
    expect(monthCharge([cease(3, '2026-06-21')], '2026-06').chargeFen).toBe(0n);
  });
});

describe('versionInForce and ceaseDateOf', () => {
  const versions = [add('2026-06-11', 1n), modify(2, '2026-06-21', 2n), cease(3, '2026-07-10', 2n)];

  it('finds the version of a day, none before the first and after the cease date', () => {
    expect(
      ['2026-06-10', '2026-06-11', '2026-06-21', '2026-07-10', '2026-07-11'].map(
        (d) => versionInForce(versions, d)?.version,
      ),
    ).toEqual([undefined, 1, 2, 2, undefined]);
    expect(ceaseDateOf(versions)).toBe('2026-07-10');
    expect(ceaseDateOf(versions.slice(0, 2))).toBeUndefined();
  });
});

describe('roundHalfUp', () => {
  it('rounds to the nearest whole, halves up', () => {
    expect([
      roundHalfUp(0n, 30n),
      roundHalfUp(14n, 30n),
      roundHalfUp(15n, 30n),
      roundHalfUp(45n, 30n),
    ]).toEqual([0n, 0n, 1n, 2n]);
    expect(() => roundHalfUp(-1n, 30n)).toThrow(RangeError);
  });
});
