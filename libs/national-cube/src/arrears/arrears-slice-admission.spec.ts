import { create } from '@bufbuild/protobuf';
import { ArrearsRollupLineSchema, type ArrearsRollupSlice, ArrearsRollupSliceSchema } from '@kaf/contracts';
import { arrearsSliceRefusal } from './arrears-slice-admission';

const line = (overrides: Record<string, unknown> = {}) =>
  create(ArrearsRollupLineSchema, {
    industry: 'I',
    grade: 'A',
    upTo30Fen: 120_000n,
    days31To90Fen: 0n,
    over90Fen: 9_007_199_254_740_993n,
    notDueFen: 50_000n,
    unallocatedFen: 0n,
    accounts: 3,
    customers: 2,
    ...overrides,
  });

const slice = (...lines: ReturnType<typeof line>[]): ArrearsRollupSlice =>
  create(ArrearsRollupSliceSchema, { lines });

describe('arrearsSliceRefusal', () => {
  it('admits a well-formed slice, empty or not, unknown attributes included', () => {
    expect(arrearsSliceRefusal(slice())).toBeUndefined();
    expect(
      arrearsSliceRefusal(slice(line(), line({ grade: 'B' }), line({ industry: '?', grade: '?' }))),
    ).toBeUndefined();
  });

  it('refuses a line repeated, or with a malformed industry or grade', () => {
    expect(arrearsSliceRefusal(slice(line(), line()))).toBe('arrears slice repeats the line ["I","A"]');
    expect(arrearsSliceRefusal(slice(line({ industry: '' })))).toMatch(/malformed industry or grade/);
    expect(arrearsSliceRefusal(slice(line({ grade: 'A B' })))).toMatch(/malformed industry or grade/);
  });

  it('refuses negative positions in any band, what is not due or the credit', () => {
    for (const band of ['upTo30Fen', 'days31To90Fen', 'over90Fen', 'notDueFen', 'unallocatedFen']) {
      expect(arrearsSliceRefusal(slice(line({ [band]: -1n })))).toBe(
        `arrears slice line ["I","A"] has a negative ${band}`,
      );
    }
  });

  it('refuses counts a line cannot have', () => {
    expect(arrearsSliceRefusal(slice(line({ customers: 0 })))).toMatch(/0 customers with 3 accounts/);
    expect(arrearsSliceRefusal(slice(line({ customers: 4 })))).toMatch(/4 customers with 3 accounts/);
    expect(arrearsSliceRefusal(slice(line({ accounts: 2 ** 31 })))).toMatch(/counts out of range/);
  });
});
