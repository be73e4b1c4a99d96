import { createRng } from './prng';

const draw = (seed: string, n = 20): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('seeded generator', () => {
  it('repeats itself for the same seed and differs for another', () => {
    expect(draw('demo')).toEqual(draw('demo'));
    expect(draw('demo')).not.toEqual(draw('demo2'));
  });

  it('stays in range', () => {
    const rng = createRng('range');
    for (let i = 0; i < 2000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
  });

  it('reaches every value of a small range', () => {
    const rng = createRng('spread');
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('samples distinct items', () => {
    const picked = createRng('s').sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(picked).size).toBe(3);
    expect(createRng('s').sample(['a', 'b'], 5)).toHaveLength(2);
  });

  it('forks independent, reproducible streams', () => {
    const a = createRng('root').fork('cities');
    const b = createRng('root').fork('cities');
    const c = createRng('root').fork('groups');
    const first = a.next();
    expect(b.next()).toBe(first);
    expect(c.next()).not.toBe(first);
  });
});
