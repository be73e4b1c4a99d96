import { groupCodeFor, isGroupCode } from './group-code';

describe('group codes', () => {
  it('are G and eight zero-padded digits of the sequence value', () => {
    expect(groupCodeFor(1)).toBe('G00000001');
    expect(groupCodeFor('4711')).toBe('G00004711');
    expect(groupCodeFor(99_999_999n)).toBe('G99999999');
  });

  it('refuse sequence values that do not fit eight digits', () => {
    expect(() => groupCodeFor(0)).toThrow(RangeError);
    expect(() => groupCodeFor(100_000_000n)).toThrow(/outside/);
    expect(() => groupCodeFor(-5)).toThrow(RangeError);
  });

  it('are recognised only in their exact shape', () => {
    expect(isGroupCode('G00000001')).toBe(true);
    for (const bad of ['G0000001', 'G000000001', 'g00000001', 'X00000001', 'G0000000A', ' G00000001', ''])
      expect(isGroupCode(bad)).toBe(false);
  });
});
