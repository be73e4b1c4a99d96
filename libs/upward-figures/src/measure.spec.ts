import { checkMeasure } from './measure';

describe('a measure', () => {
  it('is a lower-case wire name with distinct camelCase totals', () => {
    expect(() =>
      checkMeasure({ name: 'usage', totals: ['revenueFen', 'eventCount', 'cells'] }),
    ).not.toThrow();
    expect(() => checkMeasure({ name: 'service-quality', totals: ['availabilityPpm'] })).not.toThrow();
  });

  it('is refused with a malformed name, no totals, or repeated or malformed totals', () => {
    expect(() => checkMeasure({ name: 'Usage', totals: ['revenueFen'] })).toThrow(/measure name "Usage"/);
    expect(() => checkMeasure({ name: 'usage', totals: [] })).toThrow(/distinct camelCase totals/);
    expect(() => checkMeasure({ name: 'usage', totals: ['cells', 'cells'] })).toThrow(
      /distinct camelCase totals/,
    );
    expect(() => checkMeasure({ name: 'usage', totals: ['revenue_fen'] })).toThrow(
      /distinct camelCase totals/,
    );
  });
});
