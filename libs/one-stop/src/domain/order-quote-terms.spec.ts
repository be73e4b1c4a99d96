import { quoteMismatches } from './order-quote-terms';

describe('quoteMismatches', () => {
  const quote = { product: 'mpls_vpn', bandwidthMbps: 100, aEndNode: '440300', zEndNode: '330100' };

  it('finds nothing when the order takes the quote as it is', () => {
    expect(quoteMismatches({ ...quote }, quote)).toEqual([]);
  });

  it('names every field that departs from the quote', () => {
    const fields = quoteMismatches(
      { product: 'ddn', bandwidthMbps: 200, aEndNode: '440300', zEndNode: '330200' },
      quote,
    ).map((e) => e.field);
    expect(fields).toEqual(['product', 'bandwidthMbps', 'zEnd.nodeCode']);
  });

  it('names the action and circuit when a change order departs from its modify quote', () => {
    const terms = { product: 'ddn', bandwidthMbps: 500, aEndNode: '440300', zEndNode: '330100' };
    const quote = { ...terms, action: 'modify', circuitId: 'c-1' };
    expect(quoteMismatches({ ...terms, action: 'modify', circuitId: 'c-1' }, quote)).toEqual([]);
    expect(quoteMismatches({ ...terms, action: 'add', circuitId: 'x' }, quote).map((e) => e.field)).toEqual([
      'action',
    ]);
    expect(
      quoteMismatches({ ...terms, action: 'modify', circuitId: 'c-2' }, quote).map((e) => e.field),
    ).toEqual(['circuitId']);
  });
});
