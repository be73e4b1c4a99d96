import { defaultRange } from './run-months';

describe('months of a reconciliation run', () => {
  it('defaults to the Shanghai month and the two before it', () => {
    // 2026-03-31T16:30Z is already April 1st 00:30 in Shanghai.
    expect(defaultRange(new Date('2026-03-31T16:30:00Z'))).toEqual({ from: '2026-02', to: '2026-04' });
    expect(defaultRange(new Date('2026-01-15T00:00:00Z'))).toEqual({ from: '2025-11', to: '2026-01' });
  });
});
