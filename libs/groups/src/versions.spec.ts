import { latestPerKey, supersedes } from './versions';

describe('last version wins', () => {
  it('replaces a stored state only with a strictly higher version', () => {
    expect(supersedes(1n, undefined)).toBe(true);
    expect(supersedes(3n, 2n)).toBe(true);
    expect(supersedes(2n, 2n)).toBe(false);
    expect(supersedes(1n, 2n)).toBe(false);
  });

  it('compares versions beyond the safe integer range exactly', () => {
    const big = 2n ** 60n;
    expect(supersedes(big + 1n, big)).toBe(true);
    expect(supersedes(big, big + 1n)).toBe(false);
  });

  it('keeps the highest version per key whatever the arrival order', () => {
    const items = [
      { id: 'a', v: 2n, tag: 'a2' },
      { id: 'b', v: 1n, tag: 'b1' },
      { id: 'a', v: 5n, tag: 'a5' },
      { id: 'a', v: 3n, tag: 'a3' },
      { id: 'b', v: 1n, tag: 'b1-copy' },
    ];
    const latest = latestPerKey(
      items,
      (i) => i.id,
      (i) => i.v,
    );
    expect(latest.map((i) => i.tag).sort()).toEqual(['a5', 'b1']);
  });
});
