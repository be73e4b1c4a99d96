import { defaultOneStopPolicy } from './one-stop-policy.reader';
import {
  canonicalPolicy,
  policyProblems,
  samePolicy,
  type OneStopPolicyContent,
} from './one-stop-policy.rules';

const PROVINCES = new Set(['440000', '330000']);
const valid = (): OneStopPolicyContent => {
  const { slas, transitShareBp } = defaultOneStopPolicy({});
  return {
    slas,
    transitShareBp,
    quoteReplySeconds: 3600,
    overrides: [
      {
        product: 'mpls_vpn',
        aEndProvince: '440000',
        zEndProvince: '330000',
        aEndBp: 4000,
        zEndBp: 4000,
        transitBp: 2000,
      },
    ],
  };
};
const fields = (policy: OneStopPolicyContent) => policyProblems(policy, PROVINCES).map((p) => p.field);

describe('one-stop policy rules', () => {
  it('accepts every product once, seconds within a minute … a year, overrides summing to 10,000', () => {
    expect(policyProblems(valid(), PROVINCES)).toEqual([]);
    const edge = valid();
    edge.slas[0] = { product: 'digital_circuit', endSegmentSeconds: 60, transitSegmentSeconds: 365 * 86_400 };
    edge.transitShareBp = 10_000;
    edge.overrides = [{ aEndBp: 10_000, zEndBp: 0, transitBp: 0 }];
    expect(policyProblems(edge, PROVINCES)).toEqual([]);
  });

  it('takes a quote answer time of five seconds … seven days, in whole seconds', () => {
    for (const ok of [5, 3600, 604_800]) expect(fields({ ...valid(), quoteReplySeconds: ok })).toEqual([]);
    for (const bad of [4, 604_801, 60.5, Number.NaN]) {
      expect(fields({ ...valid(), quoteReplySeconds: bad })).toEqual(['quoteReplySeconds']);
    }
    // Part of what a policy says: another answer time is another policy.
    expect(samePolicy(valid(), { ...valid(), quoteReplySeconds: 60 })).toBe(false);
  });

  it('names the SLA field that is wrong, and the products missing', () => {
    const p = valid();
    p.slas[1] = { ...p.slas[1]!, endSegmentSeconds: 59 };
    p.slas[2] = { ...p.slas[2]!, transitSegmentSeconds: 365 * 86_400 + 1 };
    expect(fields(p)).toEqual(['slas.1.endSegmentSeconds', 'slas.2.transitSegmentSeconds']);
    const twice = valid();
    twice.slas[3] = { ...twice.slas[0]! };
    expect(policyProblems(twice, PROVINCES)).toEqual([
      { field: 'slas.3.product', message: 'digital_circuit is already given at slas.0' },
      { field: 'slas', message: 'must give the SLA of every product; missing: ethernet_private_line' },
    ]);
    const unknown = valid();
    unknown.slas[0] = { ...unknown.slas[0]!, product: 'dark_fibre' as never };
    expect(fields(unknown)).toEqual(['slas.0.product', 'slas']);
  });

  it('names the override that is wrong: shares, provinces, product, duplicates', () => {
    const p = valid();
    p.transitShareBp = 10_001;
    p.overrides.push(
      { aEndProvince: '110000', aEndBp: 5000, zEndBp: 5000, transitBp: 0 },
      { product: 'ddn', aEndBp: 5000, zEndBp: 4000, transitBp: 0 },
      { product: 'x' as never, aEndBp: 10_000, zEndBp: 0, transitBp: -1 },
      {
        product: 'mpls_vpn',
        aEndProvince: '440000',
        zEndProvince: '330000',
        aEndBp: 5000,
        zEndBp: 5000,
        transitBp: 0,
      },
    );
    expect(policyProblems(p, PROVINCES)).toEqual([
      { field: 'transitShareBp', message: 'must be whole basis points from 0 to 10000' },
      { field: 'overrides.1.aEndProvince', message: '110000 is not a province of the federation' },
      { field: 'overrides.2', message: 'aEndBp + zEndBp + transitBp must sum to 10000, not 9000' },
      { field: 'overrides.3.product', message: expect.stringContaining('must be one of') },
      { field: 'overrides.3.transitBp', message: 'must be whole basis points from 0 to 10000' },
      { field: 'overrides.4', message: 'overrides.0 already covers the same circuits' },
    ]);
  });

  it('refuses an override drawn the other way round: the split matches overrides in both directions', () => {
    const p = valid();
    p.overrides.push(
      {
        product: 'mpls_vpn',
        aEndProvince: '330000',
        zEndProvince: '440000',
        aEndBp: 6000,
        zEndBp: 3000,
        transitBp: 1000,
      },
      { aEndProvince: '440000', aEndBp: 5000, zEndBp: 5000, transitBp: 0 },
      { zEndProvince: '440000', aEndBp: 3000, zEndBp: 7000, transitBp: 0 },
    );
    expect(policyProblems(p, PROVINCES)).toEqual([
      { field: 'overrides.1', message: 'overrides.0 already covers the same circuits' },
      { field: 'overrides.3', message: 'overrides.2 already covers the same circuits' },
    ]);
  });

  it('compares policies by content, whatever the order of the SLAs', () => {
    const a = valid();
    const b = { ...valid(), slas: [...valid().slas].reverse() };
    expect(samePolicy(a, b)).toBe(true);
    expect(canonicalPolicy(b).slas.map((s) => s.product)).toEqual([
      'digital_circuit',
      'ddn',
      'mpls_vpn',
      'ethernet_private_line',
    ]);
    expect(samePolicy(a, { ...b, transitShareBp: 999 })).toBe(false);
    expect(samePolicy(a, { ...a, overrides: [{ ...a.overrides[0]!, product: undefined }] })).toBe(false);
  });
});
