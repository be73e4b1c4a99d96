import { Topology } from '@kaf/federation';
import { audienceIn, inAudience, relayTargets } from './audience';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    {
      code: '440000',
      name: 'GD',
      cities: [
        { code: '440300', name: 'SZ' },
        { code: '440100', name: 'GZ' },
      ],
    },
    { code: '330000', name: 'ZJ', cities: [{ code: '330100', name: 'HZ' }] },
    { code: '110000', name: 'BJ', cities: [] },
  ],
});
const codes = (nodes: { code: string }[]) => nodes.map((n) => n.code);

describe('document audiences', () => {
  it('takes the whole subtree below the issuer when nothing is named, never the issuer itself', () => {
    expect(codes(audienceIn(topology, 'CN', {}, 'CN'))).toEqual([
      '440000',
      '440300',
      '440100',
      '330000',
      '330100',
      '110000',
    ]);
    expect(inAudience(topology.get('CN'), {}, 'CN')).toBe(false);
    expect(codes(audienceIn(topology, '440000', {}, '440000'))).toEqual(['440300', '440100']);
  });

  it('selects by tier or by name, and a node named or of a listed tier is in', () => {
    expect(codes(audienceIn(topology, 'CN', { tiers: ['city'] }, 'CN'))).toEqual([
      '440300',
      '440100',
      '330100',
    ]);
    expect(codes(audienceIn(topology, 'CN', { nodes: ['440100', '110000'] }, 'CN'))).toEqual([
      '440100',
      '110000',
    ]);
    expect(codes(audienceIn(topology, 'CN', { tiers: ['province'], nodes: ['330100'] }, 'CN'))).toEqual([
      '440000',
      '330000',
      '330100',
      '110000',
    ]);
  });

  it('relays only to children whose subtree holds an audience node', () => {
    // Cities only: every province with cities relays, a province without cities gets nothing.
    expect(relayTargets(topology, 'CN', { tiers: ['city'] }, 'CN')).toEqual(['440000', '330000']);
    expect(relayTargets(topology, 'CN', { nodes: ['330100'] }, 'CN')).toEqual(['330000']);
    expect(relayTargets(topology, '440000', { nodes: ['330100'] }, 'CN')).toEqual([]);
    expect(relayTargets(topology, '440000', { tiers: ['city'] }, 'CN')).toEqual(['440300', '440100']);
    expect(relayTargets(topology, '440300', {}, 'CN')).toEqual([]);
  });
});
