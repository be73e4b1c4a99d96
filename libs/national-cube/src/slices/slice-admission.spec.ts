import { create } from '@bufbuild/protobuf';
import {
  GroupUsageCellSchema,
  UsageRollupCellSchema,
  type UsageRollupSlice,
  UsageRollupSliceSchema,
} from '@kaf/contracts';
import { Topology } from '@kaf/federation';
import { sliceRefusal } from './slice-admission';

const topology = Topology.parse({
  national: { code: 'CN', name: 'HQ' },
  provinces: [
    { code: '440000', name: 'Guangdong', cities: [{ code: '440300', name: 'Shenzhen' }] },
    { code: '330000', name: 'Zhejiang', cities: [{ code: '330100', name: 'Hangzhou' }] },
  ],
});

const cell = (overrides: Record<string, unknown> = {}) =>
  create(UsageRollupCellSchema, {
    industry: 'I',
    valueClass: 'standard',
    grade: 'A',
    product: '*',
    revenueFen: 125_000n,
    customers: 1,
    eventCount: 1n,
    ...overrides,
  });

const slice = (overrides: Partial<UsageRollupSlice> = {}): UsageRollupSlice =>
  create(UsageRollupSliceSchema, {
    provinceCode: '440000',
    cityCode: '440300',
    billingMonth: '2026-11',
    version: 1_795_852_800_123_000n,
    cells: [cell(), cell({ product: 'sd_wan' })],
    groups: [
      create(GroupUsageCellSchema, { groupCode: 'G00000042', revenueFen: 1n, customers: 1, eventCount: 1n }),
    ],
    ...overrides,
  });

const refusal = (s: UsageRollupSlice, source = '440000') =>
  sliceRefusal(s, source, topology.find(s.cityCode));

describe('sliceRefusal', () => {
  it('admits a province’s slice of its own city', () => {
    expect(refusal(slice())).toBeUndefined();
    expect(refusal(slice({ cells: [], groups: [] }))).toBeUndefined();
  });

  it('refuses a slice for another province’s city', () => {
    expect(refusal(slice({ cityCode: '330100' }))).toBe(
      'usage slice for 330100, which is not a city of 440000',
    );
  });

  it('refuses a slice naming another province than its sender', () => {
    expect(refusal(slice(), '330000')).toBe('usage slice names province 440000 but was sent by 330000');
    expect(refusal(slice({ provinceCode: '330000' }))).toBe(
      'usage slice names province 330000 but was sent by 440000',
    );
  });

  it('refuses a malformed month or version', () => {
    expect(refusal(slice({ billingMonth: '2026-13' }))).toMatch(/not YYYY-MM/);
    expect(refusal(slice({ version: 0n }))).toMatch(/out of range/);
    expect(refusal(slice({ version: 2n ** 63n }))).toMatch(/out of range/);
  });

  it('refuses cells the cube cannot hold', () => {
    expect(refusal(slice({ cells: [cell({ valueClass: 'gold' })] }))).toMatch(/value class "gold"/);
    expect(refusal(slice({ cells: [cell({ product: '' })] }))).toMatch(/malformed/);
    expect(refusal(slice({ cells: [cell(), cell()] }))).toMatch(/repeats the cell/);
    expect(refusal(slice({ cells: [cell({ eventCount: 2n ** 63n })] }))).toMatch(/out of range/);
  });

  it('refuses repeated or malformed groups', () => {
    const g = create(GroupUsageCellSchema, { groupCode: 'G1', revenueFen: 1n, customers: 1, eventCount: 1n });
    expect(refusal(slice({ groups: [g, g] }))).toBe('usage slice repeats the group G1');
    expect(refusal(slice({ groups: [create(GroupUsageCellSchema, { groupCode: '' })] }))).toMatch(
      /malformed/,
    );
  });
});
