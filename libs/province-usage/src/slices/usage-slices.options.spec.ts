import { usageSlicesOptionsFromEnv } from './usage-slices.options';

describe('usageSlicesOptionsFromEnv', () => {
  it('defaults to a 200 ms round of up to 500 slices', () => {
    expect(usageSlicesOptionsFromEnv({})).toEqual({ intervalMs: 200, maxSlicesPerRound: 500 });
  });

  it('reads the variables', () => {
    expect(
      usageSlicesOptionsFromEnv({ USAGE_SLICE_INTERVAL_MS: '50', USAGE_SLICE_MAX_PER_ROUND: '20' }),
    ).toEqual({ intervalMs: 50, maxSlicesPerRound: 20 });
  });

  it('names the variable it refuses', () => {
    expect(() => usageSlicesOptionsFromEnv({ USAGE_SLICE_INTERVAL_MS: '0.5' })).toThrow(
      /USAGE_SLICE_INTERVAL_MS must be an integer from 10 to 600000/,
    );
    expect(() => usageSlicesOptionsFromEnv({ USAGE_SLICE_MAX_PER_ROUND: '0' })).toThrow(
      /USAGE_SLICE_MAX_PER_ROUND/,
    );
  });
});
