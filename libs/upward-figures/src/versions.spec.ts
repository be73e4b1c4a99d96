import { epochMicros, nextVersion } from './versions';

describe('versions of derived cells', () => {
  it('takes the clock in microseconds for a first build', () => {
    const now = new Date('2026-11-28T08:00:00.123Z');
    expect(epochMicros(now)).toBe(1_795_852_800_123_000n);
    expect(nextVersion(null, epochMicros(now))).toBe(1_795_852_800_123_000n);
  });

  it('takes the clock when it is ahead of the previous version', () => {
    expect(nextVersion(1_000n, 5_000n)).toBe(5_000n);
  });

  it('is previous + 1 when the clock stands still or stepped back', () => {
    expect(nextVersion(5_000n, 5_000n)).toBe(5_001n);
    expect(nextVersion(5_000n, 4_000n)).toBe(5_001n);
  });

  it('always rises over a run of builds within one microsecond', () => {
    let version: bigint | null = null;
    const seen: bigint[] = [];
    for (let i = 0; i < 5; i += 1) {
      version = nextVersion(version, 7_000n);
      seen.push(version);
    }
    expect(seen).toEqual([7_000n, 7_001n, 7_002n, 7_003n, 7_004n]);
  });
});
