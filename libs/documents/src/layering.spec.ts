import { Topology } from '@kaf/federation';
import { inForce, inForceByKey, type Layer, lineageOf, sameLayer, stampOf, withStored } from './layering';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    { code: '440000', name: 'GD', cities: [{ code: '440300', name: 'SZ' }] },
    { code: '330000', name: 'ZJ', cities: [{ code: '330100', name: 'HZ' }] },
  ],
});

const layer = (issuer: string, version: number, withdrawn = false, key = ''): Layer => ({
  key,
  issuer,
  version: BigInt(version),
  withdrawn,
});
const shenzhen = lineageOf(topology, '440300');
const describeLayer = (l: Layer | undefined) => (l ? `${l.issuer} v${l.version}` : 'nothing');

describe('the layering rule', () => {
  it('walks from the node up to the national node', () => {
    expect(shenzhen).toEqual(['440300', '440000', 'CN']);
    expect(lineageOf(topology, '440000')).toEqual(['440000', 'CN']);
    expect(lineageOf(topology, 'CN')).toEqual(['CN']);
  });

  it("puts the province's override in force over the national version, whichever is newer", () => {
    expect(describeLayer(inForce([layer('CN', 5)], shenzhen))).toBe('CN v5');
    expect(describeLayer(inForce([layer('CN', 5), layer('440000', 1)], shenzhen))).toBe('440000 v1');
    // A national version published after the override does not displace it.
    expect(describeLayer(inForce([layer('440000', 1), layer('CN', 9)], shenzhen))).toBe('440000 v1');
    // At the province itself the override is in force too; at the national node never.
    expect(describeLayer(inForce([layer('CN', 9), layer('440000', 1)], ['440000', 'CN']))).toBe('440000 v1');
    expect(describeLayer(inForce([layer('CN', 9), layer('440000', 1)], ['CN']))).toBe('CN v9');
  });

  it('falls back to the national version when the override is withdrawn, and to nothing without one', () => {
    expect(describeLayer(inForce([layer('CN', 9), layer('440000', 2, true)], shenzhen))).toBe('CN v9');
    expect(describeLayer(inForce([layer('440000', 2, true)], shenzhen))).toBe('nothing');
    expect(describeLayer(inForce([layer('CN', 3, true), layer('440000', 2, true)], shenzhen))).toBe(
      'nothing',
    );
    expect(describeLayer(inForce([], shenzhen))).toBe('nothing');
  });

  it("ignores an issuer outside the node's lineage (another province's override)", () => {
    expect(describeLayer(inForce([layer('CN', 4), layer('330000', 7)], shenzhen))).toBe('CN v4');
  });

  it('decides key by key', () => {
    const held = [
      layer('CN', 3, false, 'a'),
      layer('440000', 1, false, 'a'),
      layer('CN', 8, false, 'b'),
      layer('440000', 2, true, 'b'),
      layer('440000', 1, false, 'c'),
    ];
    expect(
      Object.fromEntries([...inForceByKey(held, shenzhen)].map(([key, l]) => [key, describeLayer(l)])),
    ).toEqual({ a: '440000 v1', b: 'CN v8', c: '440000 v1' });
  });

  it('tells a change of the version in force from none', () => {
    expect(sameLayer(layer('CN', 3), layer('CN', 3))).toBe(true);
    expect(sameLayer(undefined, undefined)).toBe(true);
    expect(sameLayer(layer('CN', 3), layer('CN', 4))).toBe(false);
    expect(sameLayer(layer('CN', 3), layer('440000', 3))).toBe(false);
    expect(sameLayer(undefined, layer('CN', 1))).toBe(false);
  });

  it('replaces the stored version of the same issuer and key only', () => {
    const held = [layer('CN', 3), layer('440000', 1), layer('CN', 2, false, 'x')];
    const after = withStored(held, [layer('440000', 2, true)]);
    expect(after.map((l) => `${l.key}/${l.issuer} v${l.version}${l.withdrawn ? ' withdrawn' : ''}`)).toEqual([
      '/CN v3',
      'x/CN v2',
      '/440000 v2 withdrawn',
    ]);
  });

  it('stamps every stored version, so a fall back to an older national version still reads as newer', () => {
    const override = [layer('CN', 5), layer('440000', 9)];
    const withdrawn = [layer('CN', 5), layer('440000', 10, true)];
    expect(inForce(withdrawn, shenzhen)!.version).toBeLessThan(inForce(override, shenzhen)!.version);
    expect(stampOf(withdrawn)).toBeGreaterThan(stampOf(override));
    expect(stampOf([layer('CN', 6), layer('440000', 9)])).toBeGreaterThan(stampOf(override));
    expect(stampOf([])).toBe(0n);
  });
});
