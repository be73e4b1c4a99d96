import { create } from '@bufbuild/protobuf';
import {
  GroupUsageCellSchema,
  UsageRollupCellSchema,
  type UsageRollupSlice,
  UsageRollupSliceSchema,
} from '@kaf/contracts';
import { sliceRefusal } from './slice-admission';

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
    cells: [cell(), cell({ product: 'sd_wan' })],
    groups: [
      create(GroupUsageCellSchema, { groupCode: 'G00000042', revenueFen: 1n, customers: 1, eventCount: 1n }),
    ],
    ...overrides,
  });

const refusal = (s: UsageRollupSlice) => sliceRefusal(s);

describe('sliceRefusal', () => {
  it('admits a well-formed slice, empty or not', () => {
    expect(refusal(slice())).toBeUndefined();
    expect(refusal(slice({ cells: [], groups: [] }))).toBeUndefined();
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
