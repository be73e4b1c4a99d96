import { changeTerms, type CircuitInService } from './change-terms';

const circuit: CircuitInService = {
  product: 'mpls_vpn',
  bandwidthMbps: 100,
  aEnd: { nodeCode: '440300', siteAddress: 'A old', contactName: '李工', contactPhone: '13800138000' },
  zEnd: { nodeCode: '330100', siteAddress: 'Z old', contactName: '王工', contactPhone: '0571-88886666' },
  roles: ['a_end', 'z_end', 'transit'],
};
const newSite = {
  nodeCode: '330100',
  siteAddress: 'Z new',
  contactName: '赵工',
  contactPhone: '13900000000',
};

describe('changeTerms', () => {
  it('works a bandwidth change at every node carrying the circuit', () => {
    const out = changeTerms(circuit, { action: 'modify', bandwidthMbps: 500 });
    expect(out).toEqual({
      terms: {
        bandwidthMbps: 500,
        aEnd: circuit.aEnd,
        zEnd: circuit.zEnd,
        roles: ['a_end', 'z_end', 'transit'],
      },
    });
  });

  it('works a moved end at its own city only, keeping the bandwidth', () => {
    const out = changeTerms(circuit, { action: 'modify', zEnd: newSite });
    expect(out).toEqual({
      terms: { bandwidthMbps: 100, aEnd: circuit.aEnd, zEnd: newSite, roles: ['z_end'] },
    });
  });

  it('works every node when the bandwidth changes and an end moves', () => {
    const out = changeTerms(circuit, { action: 'modify', bandwidthMbps: 200, zEnd: newSite });
    expect('terms' in out && out.terms.roles).toEqual(['a_end', 'z_end', 'transit']);
  });

  it('refuses an end moved to another city, naming the field', () => {
    const out = changeTerms(circuit, { action: 'modify', aEnd: { ...newSite, nodeCode: '440100' } });
    expect(out).toEqual({ errors: [expect.objectContaining({ field: 'aEnd.nodeCode' })] });
  });

  it('refuses a modify that changes nothing, and another product', () => {
    expect(changeTerms(circuit, { action: 'modify', bandwidthMbps: 100 })).toEqual({
      errors: [expect.objectContaining({ field: 'bandwidthMbps' })],
    });
    expect(changeTerms(circuit, { action: 'modify', product: 'ddn', bandwidthMbps: 5 })).toEqual({
      errors: [expect.objectContaining({ field: 'product' })],
    });
  });

  it('ceases at every node and takes no new terms', () => {
    expect(changeTerms(circuit, { action: 'delete' })).toEqual({
      terms: {
        bandwidthMbps: 100,
        aEnd: circuit.aEnd,
        zEnd: circuit.zEnd,
        roles: ['a_end', 'z_end', 'transit'],
      },
    });
    expect(changeTerms(circuit, { action: 'delete', bandwidthMbps: 5 })).toEqual({
      errors: [expect.objectContaining({ field: 'bandwidthMbps' })],
    });
  });
});
