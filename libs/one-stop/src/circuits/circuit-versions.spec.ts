import { circuitIdsOf } from './circuit-versions';

describe('circuitIdsOf', () => {
  it('lists a new circuit segments in role order', () => {
    expect(
      circuitIdsOf(
        [
          { role: 'transit', circuitId: 'CN-1' },
          { role: 'a_end', circuitId: 'SZ-1' },
          { role: 'z_end', circuitId: 'HZ-1' },
        ],
        [],
      ),
    ).toEqual(['a_end=SZ-1', 'z_end=HZ-1', 'transit=CN-1']);
  });

  it('keeps the ids of segments a change did not work, and of those worked without a new id', () => {
    const before = ['a_end=SZ-1', 'z_end=HZ-1', 'transit=CN-1'];
    expect(circuitIdsOf([{ role: 'z_end', circuitId: 'HZ-2' }], before)).toEqual([
      'a_end=SZ-1',
      'z_end=HZ-2',
      'transit=CN-1',
    ]);
    expect(circuitIdsOf([{ role: 'a_end', circuitId: null }], before)).toEqual(before);
  });
});
