import { ARREARS_MEASURE, arrearsFiguresOf, arrearsTotals } from './arrears-measure';

describe('the arrears measure', () => {
  it('states every total of the measure, arrears being the three overdue bands', () => {
    const figures = arrearsFiguresOf({
      up_to_30_fen: '100',
      days_31_to_90_fen: '20',
      over_90_fen: '9007199254740993',
      not_due_fen: '7',
      unallocated_fen: '500',
      accounts: 3,
    });
    const totals = arrearsTotals(figures, 2n);
    expect(Object.keys(totals).sort()).toEqual([...ARREARS_MEASURE.totals].sort());
    expect(totals).toEqual({
      arrearsFen: 9_007_199_254_741_113n,
      upTo30Fen: 100n,
      days31To90Fen: 20n,
      over90Fen: 9_007_199_254_740_993n,
      notDueFen: 7n,
      unallocatedFen: 500n,
      accounts: 3n,
      cells: 2n,
    });
  });
});
