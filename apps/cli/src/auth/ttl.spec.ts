import { formatTtl, MAX_TTL_SECONDS, parseTtl, TtlError } from './ttl';

describe('token lifetimes', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
    ['30d', MAX_TTL_SECONDS],
    [' 2h ', 7200],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });

  it.each(['', '8', 'h', '8 h', '8H', '1w', '-5m', '1.5h', '0m', '31d', '721h', '99999999s'])(
    'rejects %j',
    (text) => {
      expect(() => parseTtl(text)).toThrow(TtlError);
    },
  );

  it('says why a lifetime is refused', () => {
    expect(() => parseTtl('31d')).toThrow('longer than the maximum of 30d');
    expect(() => parseTtl('soon')).toThrow('not a duration like 30m, 8h or 7d');
  });

  it('prints lifetimes compactly', () => {
    expect(formatTtl(28_800)).toBe('8h');
    expect(formatTtl(5400)).toBe('1h30m');
    expect(formatTtl(MAX_TTL_SECONDS)).toBe('30d');
    expect(formatTtl(61)).toBe('1m1s');
  });
});
