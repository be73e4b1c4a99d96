import { timestampDate } from '@bufbuild/protobuf/wkt';
import { type ArrearsLineRow, arrearsSliceTotals, toArrearsSliceBody } from './arrears-slice-body';

const line = (overrides: Partial<ArrearsLineRow> = {}): ArrearsLineRow => ({
  industry: 'I',
  grade: 'A',
  upTo30Fen: '100',
  days31To90Fen: '20',
  over90Fen: '9007199254740993',
  notDueFen: '7',
  unallocatedFen: '0',
  accounts: 3,
  customers: 2,
  ...overrides,
});

describe('an arrears slice built from its lines', () => {
  it('totals every figure of its lines, to the fen beyond 2^53', () => {
    expect(
      arrearsSliceTotals([
        line(),
        line({
          grade: 'B',
          upTo30Fen: '1',
          over90Fen: '9007199254740993',
          unallocatedFen: '500',
          accounts: 1,
          customers: 1,
        }),
      ]),
    ).toEqual({
      upTo30Fen: 101n,
      days31To90Fen: 40n,
      over90Fen: 18_014_398_509_481_986n,
      notDueFen: 14n,
      unallocatedFen: 500n,
      accounts: 4n,
      customers: 3,
    });
  });

  it('is zero when empty', () => {
    expect(arrearsSliceTotals([])).toEqual({
      upTo30Fen: 0n,
      days31To90Fen: 0n,
      over90Fen: 0n,
      notDueFen: 0n,
      unallocatedFen: 0n,
      accounts: 0n,
      customers: 0,
    });
  });

  it('carries each line exactly, with the newest change and the build time', () => {
    const body = toArrearsSliceBody([line(), line({ industry: '?', grade: '?' })], {
      newestChangeAt: new Date('2026-05-31T15:59:59Z'),
      reportedAt: new Date('2026-06-01T00:00:01Z'),
    });
    expect(body.lines).toHaveLength(2);
    expect(body.lines[0]).toMatchObject({
      industry: 'I',
      grade: 'A',
      upTo30Fen: 100n,
      days31To90Fen: 20n,
      over90Fen: 9_007_199_254_740_993n,
      notDueFen: 7n,
      unallocatedFen: 0n,
      accounts: 3,
      customers: 2,
    });
    expect(body.lines[1]).toMatchObject({ industry: '?', grade: '?' });
    expect(timestampDate(body.newestChangeAt!)).toEqual(new Date('2026-05-31T15:59:59Z'));
    expect(timestampDate(body.computedAt!)).toEqual(new Date('2026-06-01T00:00:01Z'));
  });

  it('leaves the newest change unset for an empty slice', () => {
    const body = toArrearsSliceBody([], { newestChangeAt: null, reportedAt: new Date() });
    expect(body.lines).toEqual([]);
    expect(body.newestChangeAt).toBeUndefined();
  });
});
