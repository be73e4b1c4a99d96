import { totalsOf } from './usage-slice.source';

describe('totalsOf', () => {
  it('sums the all-products lines only, to the fen', () => {
    const line = (product: string, revenueFen: string, customers: number, eventCount: string) => ({
      industry: 'I',
      valueClass: 'standard',
      grade: 'A',
      product,
      revenueFen,
      customers,
      eventCount,
    });
    expect(
      totalsOf([
        line('*', '9007199254740993', 2, '3'),
        line('sd_wan', '9007199254740993', 2, '3'),
        line('*', '-120000', 1, '1'),
        line('cloud', '-120000', 1, '1'),
      ]),
    ).toEqual({ revenueFen: 9_007_199_254_620_993n, eventCount: 4n, customers: 3 });
  });

  it('is zero for an empty slice', () => {
    expect(totalsOf([])).toEqual({ revenueFen: 0n, eventCount: 0n, customers: 0 });
  });
});
