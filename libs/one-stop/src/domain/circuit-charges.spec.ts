import { chargesFor, tariffFenProblem, tariffTermsProblem, type TariffTerms } from './circuit-charges';

const terms = (over: Partial<TariffTerms> = {}): TariffTerms => ({
  oneTimeFen: 500_000n,
  monthlyBaseFen: 200_000n,
  monthlyPerMbpsFen: 3_000n,
  changeOneTimeFen: 0n,
  maxBandwidthMbps: 10_000,
  ...over,
});

describe('circuit charges', () => {
  it('charges the change charge once for a bandwidth change, the same monthly charge as a new circuit', () => {
    const t = terms({ changeOneTimeFen: 80_000n });
    expect(chargesFor(t, 200, 'modify')).toEqual({ oneTimeFen: 80_000n, monthlyFen: 800_000n });
    expect(chargesFor(t, 200)).toEqual({ oneTimeFen: 500_000n, monthlyFen: 800_000n });
    expect(tariffTermsProblem(terms({ changeOneTimeFen: -1n }))?.field).toBe('changeOneTimeFen');
  });

  it('charges the one-time fee and base + per Mbps × bandwidth a month, in bigint', () => {
    expect(chargesFor(terms(), 100)).toEqual({ oneTimeFen: 500_000n, monthlyFen: 500_000n });
    expect(chargesFor(terms({ monthlyPerMbpsFen: 10n ** 13n, maxBandwidthMbps: 1 }), 1).monthlyFen).toBe(
      10n ** 13n + 200_000n,
    );
  });

  it('takes whole fen as a plain decimal string, 0 … 10^13', () => {
    for (const ok of ['0', '1', '250000', '10000000000000']) expect(tariffFenProblem(ok)).toBeUndefined();
    for (const bad of [250000, '', '-1', '+5', '05', '1.5', '1e6', ' 5', '10000000000001', '123456789012345'])
      expect(tariffFenProblem(bad)).toBeDefined();
  });

  it('names the field of terms that cannot stand together', () => {
    expect(tariffTermsProblem(terms())).toBeUndefined();
    expect(tariffTermsProblem(terms({ maxBandwidthMbps: 0 }))?.field).toBe('maxBandwidthMbps');
    expect(tariffTermsProblem(terms({ maxBandwidthMbps: 100_001 }))?.field).toBe('maxBandwidthMbps');
    expect(tariffTermsProblem(terms({ oneTimeFen: -1n }))?.field).toBe('oneTimeFen');
    // 10^13 per Mbps over 100,000 Mbps would be 10^18 fen a month.
    expect(
      tariffTermsProblem(terms({ monthlyPerMbpsFen: 10n ** 13n, maxBandwidthMbps: 100_000 }))?.field,
    ).toBe('monthlyPerMbpsFen');
  });
});
