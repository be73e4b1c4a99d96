import { create } from '@bufbuild/protobuf';
import { RoutedBillingEventSchema } from '@kaf/contracts';
import { bucketOf, MAX_ROUTED_PER_MESSAGE, ROUTE_KEYS_PER_CITY, routedSlices } from './billing-event.router';

const routed = (n: number, size: number) =>
  create(RoutedBillingEventSchema, { cloudEventJson: 'x'.repeat(size), door: 'd', index: n });

describe('routed messages', () => {
  it('hold at most 250 events, and close early on size, keeping the order', () => {
    const small = Array.from({ length: 600 }, (_, i) => routed(i, 100));
    expect(routedSlices(small).map((s) => s.length)).toEqual([
      MAX_ROUTED_PER_MESSAGE,
      MAX_ROUTED_PER_MESSAGE,
      100,
    ]);
    const large = Array.from({ length: 10 }, (_, i) => routed(i, 200_000));
    const slices = routedSlices(large);
    expect(slices.map((s) => s.length)).toEqual([2, 2, 2, 2, 2]);
    expect(slices.flat().map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keep one account on one key, and spread accounts over the keys', () => {
    expect(bucketOf('boss', '4403-0000101')).toBe(bucketOf('boss', '4403-0000101'));
    const buckets = new Set(Array.from({ length: 200 }, (_, i) => bucketOf('boss', `4403-${i}`)));
    expect(buckets.size).toBe(ROUTE_KEYS_PER_CITY);
  });
});
