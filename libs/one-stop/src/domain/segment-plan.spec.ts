import { Topology } from '@kaf/federation';
import { planSegments, SegmentPlanError } from './segment-plan';

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

describe('planSegments', () => {
  it('routes the transit of a cross-province circuit through the national node, which coordinates', () => {
    const plan = planSegments(topology, '440300', '330100');
    expect(plan.segments).toEqual([
      { role: 'a_end', nodeCode: '440300' },
      { role: 'z_end', nodeCode: '330100' },
      { role: 'transit', nodeCode: 'CN' },
    ]);
    expect(plan).toMatchObject({
      aEndProvince: '440000',
      zEndProvince: '330000',
      transitNode: 'CN',
      coordinator: 'CN',
    });
  });

  it('gives the transit of an in-province circuit to the province, which coordinates', () => {
    const plan = planSegments(topology, '440100', '440300');
    expect(plan.segments.map((s) => s.nodeCode)).toEqual(['440100', '440300', '440000']);
    expect(plan.coordinator).toBe('440000');
  });

  it('needs no transit when both ends are in one city', () => {
    const plan = planSegments(topology, '440300', '440300');
    expect(plan.segments.map((s) => s.role)).toEqual(['a_end', 'z_end']);
    expect(plan.transitNode).toBeUndefined();
    expect(plan.coordinator).toBe('440000');
  });

  it('names the end that is not a city node', () => {
    expect(() => planSegments(topology, '440000', '330100')).toThrow(SegmentPlanError);
    try {
      planSegments(topology, '440300', '999900');
    } catch (error) {
      expect((error as SegmentPlanError).field).toBe('zEnd.nodeCode');
    }
    expect.assertions(2);
  });
});
