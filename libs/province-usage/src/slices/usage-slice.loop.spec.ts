import { retryDelayMs } from './usage-slice.loop';

describe('retryDelayMs', () => {
  it('doubles from one second and stops at five minutes', () => {
    expect([1, 2, 3, 4, 9, 10, 50].map(retryDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 256_000, 300_000, 300_000,
    ]);
  });
});
