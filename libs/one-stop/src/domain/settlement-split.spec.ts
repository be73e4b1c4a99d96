import type { SettlementOverrideRule } from '../policy/one-stop-policy.reader';
import {
  type RoleShare,
  type SettledCircuit,
  settleCircuit,
  sharesOf,
  splitCharge,
} from './settlement-split';

const crossProvince: SettledCircuit = {
  product: 'mpls_vpn',
  aEndProvince: '440000',
  zEndProvince: '330000',
  transitNode: 'CN',
};
const sameCity: SettledCircuit = {
  product: 'ddn',
  aEndProvince: '440000',
  zEndProvince: '440000',
  transitNode: undefined,
};
const policy = (transitShareBp: number, overrides: SettlementOverrideRule[] = []) => ({
  transitShareBp,
  overrides,
});
const bpOf = (shares: RoleShare[]) => shares.map((s) => [s.role, s.regionCode, s.shareBp]);

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sharesOf', () => {
  it('gives the transit carrier its share and splits the rest equally between the end provinces', () => {
    expect(bpOf(sharesOf(policy(1000), crossProvince).shares)).toEqual([
      ['a_end', '440000', 4500],
      ['z_end', '330000', 4500],
      ['transit', 'CN', 1000],
    ]);
  });

  it('splits 50/50 without a transit segment, and gives an odd basis point to the A-end', () => {
    expect(bpOf(sharesOf(policy(1000), sameCity).shares)).toEqual([
      ['a_end', '440000', 5000],
      ['z_end', '440000', 5000],
    ]);
    expect(bpOf(sharesOf(policy(1001), crossProvince).shares)).toEqual([
      ['a_end', '440000', 4500],
      ['z_end', '330000', 4499],
      ['transit', 'CN', 1001],
    ]);
  });

  it('takes the transit node as the transit region: the province inside one province', () => {
    const inProvince = { ...crossProvince, zEndProvince: '440000', transitNode: '440000' };
    expect(bpOf(sharesOf(policy(2000), inProvince).shares)).toEqual([
      ['a_end', '440000', 4000],
      ['z_end', '440000', 4000],
      ['transit', '440000', 2000],
    ]);
  });

  it('lets the most specific override win: product and provinces, then provinces, then product', () => {
    const productOnly = { product: 'mpls_vpn', aEndBp: 3000, zEndBp: 3000, transitBp: 4000 } as const;
    const provinces = {
      aEndProvince: '440000',
      zEndProvince: '330000',
      aEndBp: 6000,
      zEndBp: 3000,
      transitBp: 1000,
    };
    const both = { ...provinces, product: 'mpls_vpn' as const, aEndBp: 7000, zEndBp: 2000 };
    expect(sharesOf(policy(1000, [productOnly]), crossProvince).shares.map((s) => s.shareBp)).toEqual([
      3000, 3000, 4000,
    ]);
    expect(
      sharesOf(policy(1000, [productOnly, provinces]), crossProvince).shares.map((s) => s.shareBp),
    ).toEqual([6000, 3000, 1000]);
    const chosen = sharesOf(policy(1000, [both, productOnly, provinces]), crossProvince);
    expect(chosen.shares.map((s) => s.shareBp)).toEqual([7000, 2000, 1000]);
    expect(chosen.source).toEqual({ kind: 'override', index: 0, mirrored: false });
    // Another product: only the provinces' override applies.
    const ddn = sharesOf(policy(1000, [both, productOnly, provinces]), { ...crossProvince, product: 'ddn' });
    expect(ddn.source).toEqual({ kind: 'override', index: 2, mirrored: false });
  });

  it('matches an override for the circuit drawn the other way, with the end shares swapped', () => {
    const rule = {
      aEndProvince: '330000',
      zEndProvince: '440000',
      aEndBp: 6000,
      zEndBp: 3000,
      transitBp: 1000,
    };
    const { shares, source } = sharesOf(policy(1000, [rule]), crossProvince);
    expect(bpOf(shares)).toEqual([
      ['a_end', '440000', 3000],
      ['z_end', '330000', 6000],
      ['transit', 'CN', 1000],
    ]);
    expect(source).toEqual({ kind: 'override', index: 0, mirrored: true });
  });

  it('ignores overrides for other provinces or products and falls back to the default', () => {
    const rules = [
      { aEndProvince: '110000', aEndBp: 10000, zEndBp: 0, transitBp: 0 },
      { product: 'ddn' as const, aEndBp: 10000, zEndBp: 0, transitBp: 0 },
    ];
    expect(sharesOf(policy(1000, rules), crossProvince).source).toEqual({ kind: 'default' });
  });

  it('gives an override’s transit share to the ends, half each, when the circuit has no transit', () => {
    const rule = {
      aEndProvince: '440000',
      zEndProvince: '440000',
      aEndBp: 6000,
      zEndBp: 2999,
      transitBp: 1001,
    };
    expect(bpOf(sharesOf(policy(1000, [rule]), sameCity).shares)).toEqual([
      ['a_end', '440000', 6501],
      ['z_end', '440000', 3499],
    ]);
  });

  it('refuses an override whose shares do not sum to 10,000', () => {
    const rule = { aEndBp: 5000, zEndBp: 5000, transitBp: 1 };
    expect(() => sharesOf(policy(1000, [rule]), crossProvince)).toThrow(/sum to 10000/);
    expect(() => sharesOf(policy(10_001), crossProvince)).toThrow(/transitShareBp/);
  });
});

describe('splitCharge', () => {
  const shares = (...bp: number[]): RoleShare[] =>
    bp.map((shareBp, i) => ({
      role: (['a_end', 'z_end', 'transit'] as const)[i]!,
      regionCode: `R${i}`,
      shareBp,
    }));
  const amounts = (charge: bigint, ...bp: number[]) =>
    splitCharge(charge, shares(...bp)).map((l) => l.amountFen);

  it('splits to the fen by the largest remainder, ties to the share listed first', () => {
    expect(amounts(1n, 4500, 4500, 1000)).toEqual([1n, 0n, 0n]);
    expect(amounts(1n, 1000, 4500, 4500)).toEqual([0n, 1n, 0n]);
    expect(amounts(3n, 5000, 5000)).toEqual([2n, 1n]);
    expect(amounts(10n, 4500, 4500, 1000)).toEqual([5n, 4n, 1n]);
    expect(amounts(99_999n, 3333, 3333, 3334)).toEqual([33_330n, 33_330n, 33_339n]);
    expect(amounts(0n, 4500, 4500, 1000)).toEqual([0n, 0n, 0n]);
  });

  it('never gives a fen to a zero share', () => {
    expect(amounts(7n, 0, 10_000, 0)).toEqual([0n, 7n, 0n]);
    expect(amounts(1n, 0, 5000, 5000)).toEqual([0n, 1n, 0n]);
  });

  it('refuses a negative charge and shares that do not sum to 10,000', () => {
    expect(() => amounts(-1n, 5000, 5000)).toThrow(RangeError);
    expect(() => amounts(100n, 5000, 4999)).toThrow(RangeError);
  });

  it('sums exactly to the charge, each amount within a fen of its exact part, on many random cases', () => {
    const next = random(20_260_601);
    const randomCharge = (): bigint => {
      const pick = next();
      if (pick < 0.1) return 1n;
      if (pick < 0.2) return BigInt(Math.floor(next() * 50)) * 2n + 1n; // small odd amounts
      if (pick < 0.3) return 10n ** 13n + BigInt(Math.floor(next() * 1e9)); // beyond 2^53 fen
      return BigInt(Math.floor(next() * 1e9));
    };
    const randomShares = (): number[] => {
      const count = next() < 0.3 ? 2 : 3;
      const cuts = Array.from({ length: count - 1 }, () => Math.floor(next() * 10_001)).sort((a, b) => a - b);
      return [...cuts, 10_000].map((c, i) => c - (i === 0 ? 0 : cuts[i - 1]!));
    };
    for (let n = 0; n < 20_000; n++) {
      const charge = randomCharge();
      const bp = randomShares();
      const lines = splitCharge(charge, shares(...bp));
      const context = { charge: charge.toString(), bp };
      expect({ ...context, sum: lines.reduce((s, l) => s + l.amountFen, 0n).toString() }).toEqual({
        ...context,
        sum: charge.toString(),
      });
      for (const line of lines) {
        const exactTimes10k = charge * BigInt(line.shareBp);
        const diff = line.amountFen * 10_000n - exactTimes10k;
        if (line.amountFen < 0n || diff <= -10_000n || diff >= 10_000n) {
          throw new Error(`amount ${line.amountFen} is not within a fen of ${JSON.stringify(context)}`);
        }
        if (line.shareBp === 0 && line.amountFen !== 0n)
          throw new Error(`zero share paid: ${JSON.stringify(context)}`);
      }
      // Deterministic: the same input splits the same way.
      expect(splitCharge(charge, shares(...bp))).toEqual(lines);
    }
  });

  it('settles a circuit so that its lines sum to the monthly charge under default, transit and override splits', () => {
    const next = random(7);
    const rule = { product: 'mpls_vpn' as const, aEndBp: 3333, zEndBp: 3333, transitBp: 3334 };
    for (let n = 0; n < 2000; n++) {
      const charge = BigInt(1 + Math.floor(next() * 10_000_000));
      for (const p of [policy(0), policy(1000), policy(Math.floor(next() * 10_001)), policy(1000, [rule])]) {
        for (const circuit of [crossProvince, sameCity]) {
          const lines = settleCircuit(p, circuit, charge);
          expect(lines.reduce((s, l) => s + l.amountFen, 0n)).toBe(charge);
        }
      }
    }
  });
});
