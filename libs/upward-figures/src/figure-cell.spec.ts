import { highestVersions } from './figure-cell';

const cell = (key: string, version: bigint, billingMonth = '2026-05', cityCode = '440300') => ({
  cityCode,
  billingMonth,
  key,
  version,
});

describe('highestVersions', () => {
  it('keeps the highest version of each place, whatever the order', () => {
    expect(
      highestVersions([cell('a', 2n), cell('a', 5n), cell('a', 3n), cell('b', 1n), cell('a', 1n, '2026-04')]),
    ).toEqual([cell('a', 5n), cell('b', 1n), cell('a', 1n, '2026-04')]);
  });

  it('collapses keys that are one in the normal form the sink keeps', () => {
    expect(highestVersions([cell('ABC', 4n), cell('abc', 3n)], (k) => k.toLowerCase())).toEqual([
      cell('ABC', 4n),
    ]);
    expect(highestVersions([cell('ABC', 4n), cell('abc', 3n)])).toHaveLength(2);
  });
});
