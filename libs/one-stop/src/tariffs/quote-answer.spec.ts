import { Topology } from '@kaf/federation';
import { answerQuote, type QuoteQuestion } from './quote-answer';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    {
      code: '440000',
      name: 'GD',
      cities: [
        { code: '440100', name: 'GZ' },
        { code: '440300', name: 'SZ' },
      ],
    },
    { code: '330000', name: 'ZJ', cities: [{ code: '330100', name: 'HZ' }] },
  ],
});

const tariff = {
  version: 3n,
  oneTimeFen: 800_000n,
  monthlyBaseFen: 100_000n,
  monthlyPerMbpsFen: 2_500n,
  changeOneTimeFen: 60_000n,
  maxBandwidthMbps: 1_000,
};
const ask = (over: Partial<QuoteQuestion> = {}): QuoteQuestion => ({
  role: 'z_end',
  product: 'mpls_vpn',
  bandwidthMbps: 100,
  aEndNode: '440300',
  zEndNode: '330100',
  ...over,
});

describe('answerQuote', () => {
  it('charges the tariff in force for the segment this node carries', () => {
    expect(answerQuote(ask(), '330100', topology, tariff)).toEqual({
      feasible: true,
      reason: '',
      oneTimeFen: 800_000n,
      monthlyFen: 350_000n,
      tariffVersion: 3n,
    });
    expect(answerQuote(ask({ role: 'transit' }), 'CN', topology, tariff).feasible).toBe(true);
    expect(
      answerQuote(ask({ role: 'transit', zEndNode: '440100' }), '440000', topology, tariff).feasible,
    ).toBe(true);
  });

  it('prices a bandwidth change with the change charge and the new bandwidth’s monthly charge', () => {
    expect(answerQuote(ask({ action: 'modify', bandwidthMbps: 400 }), '330100', topology, tariff)).toEqual({
      feasible: true,
      reason: '',
      oneTimeFen: 60_000n,
      monthlyFen: 1_100_000n,
      tariffVersion: 3n,
    });
    expect(answerQuote(ask({ action: '' }), '330100', topology, tariff).oneTimeFen).toBe(800_000n);
    expect(
      answerQuote(ask({ action: 'modify', bandwidthMbps: 1001 }), '330100', topology, tariff).reason,
    ).toBe("bandwidth 1001 Mbps is above node 330100's maximum of 1000 Mbps for mpls_vpn");
    expect(answerQuote(ask({ action: 'delete' }), '330100', topology, tariff)).toMatchObject({
      feasible: false,
      reason: 'unknown action "delete"',
    });
  });

  it('is infeasible without a tariff, or above the maximum bandwidth, saying which', () => {
    expect(answerQuote(ask(), '330100', topology, null).reason).toBe(
      'no circuit tariff for mpls_vpn at node 330100',
    );
    expect(answerQuote(ask({ bandwidthMbps: 1_001 }), '330100', topology, tariff)).toMatchObject({
      feasible: false,
      reason: "bandwidth 1001 Mbps is above node 330100's maximum of 1000 Mbps for mpls_vpn",
      monthlyFen: 0n,
    });
  });

  it('refuses a segment the plan gives to another node', () => {
    expect(answerQuote(ask({ role: 'a_end' }), '330100', topology, tariff).reason).toBe(
      'node 330100 does not carry the a_end segment of a circuit 440300 → 330100; 440300 does',
    );
    // In one province the transit is the province's, not the national node's.
    expect(answerQuote(ask({ role: 'transit', zEndNode: '440100' }), 'CN', topology, tariff).reason).toMatch(
      /440000 does$/,
    );
    expect(answerQuote(ask({ role: 'transit', zEndNode: '440300' }), 'CN', topology, tariff).reason).toBe(
      'a circuit 440300 → 440300 has no transit segment',
    );
  });

  it('refuses what cannot be planned or priced at all', () => {
    expect(answerQuote(ask({ zEndNode: '330000' }), '330100', topology, tariff).reason).toBe(
      '330000 is not a city node of the federation',
    );
    expect(answerQuote(ask({ product: 'dark_fibre' }), '330100', topology, tariff).reason).toMatch(/product/);
    expect(answerQuote(ask({ role: 'middle' }), '330100', topology, tariff).reason).toMatch(/role/);
    expect(answerQuote(ask({ bandwidthMbps: 0 }), '330100', topology, tariff).reason).toMatch(/outside/);
  });
});
