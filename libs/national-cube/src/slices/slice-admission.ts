import type { UsageRollupSlice } from '@kaf/contracts';
import type { TopologyNode } from '@kaf/federation';
import { isBillingMonth } from '@kaf/platform';
import { VALUE_CLASSES } from '@kaf/usage-rules';

const INT64_MAX = 2n ** 63n - 1n;
const ATTRIBUTE = /^[\p{L}\p{N}_*?.:-]{1,64}$/u;

/**
 * Why a slice cannot be applied, or undefined when it can: a province (the handler admits only
 * children of the national node) reports only its own cities, and a slice's cells must fit the
 * cube's keys and columns. `city` is the topology's node for the slice's city.
 */
export function sliceRefusal(
  slice: UsageRollupSlice,
  source: string,
  city: TopologyNode | undefined,
): string | undefined {
  if (slice.provinceCode !== source) {
    return `usage slice names province ${slice.provinceCode} but was sent by ${source}`;
  }
  if (!city || city.tier !== 'city' || city.parent !== source) {
    return `usage slice for ${slice.cityCode}, which is not a city of ${source}`;
  }
  if (!isBillingMonth(slice.billingMonth)) {
    return `usage slice month ${JSON.stringify(slice.billingMonth)} is not YYYY-MM`;
  }
  if (slice.version < 1n || slice.version > INT64_MAX)
    return `usage slice version ${slice.version} is out of range`;
  return cellsRefusal(slice) ?? groupsRefusal(slice);
}

function cellsRefusal(slice: UsageRollupSlice): string | undefined {
  const keys = new Set<string>();
  for (const cell of slice.cells) {
    const attributes = [cell.industry, cell.grade, cell.product];
    if (!attributes.every((a) => ATTRIBUTE.test(a))) {
      return `usage slice cell ${JSON.stringify(attributes)} has a malformed industry, grade or product`;
    }
    if (!(VALUE_CLASSES as readonly string[]).includes(cell.valueClass)) {
      return `usage slice cell value class ${JSON.stringify(cell.valueClass)} is unknown`;
    }
    if (cell.eventCount > INT64_MAX || cell.customers > 2 ** 31 - 1) {
      return 'usage slice cell counts are out of range';
    }
    const key = [cell.industry, cell.valueClass, cell.grade, cell.product].join('\u0000');
    if (keys.has(key)) return `usage slice repeats the cell ${JSON.stringify(key.split('\u0000'))}`;
    keys.add(key);
  }
  return undefined;
}

function groupsRefusal(slice: UsageRollupSlice): string | undefined {
  const codes = new Set<string>();
  for (const group of slice.groups) {
    if (!ATTRIBUTE.test(group.groupCode))
      return `usage slice group ${JSON.stringify(group.groupCode)} is malformed`;
    if (group.eventCount > INT64_MAX || group.customers > 2 ** 31 - 1) {
      return 'usage slice group counts are out of range';
    }
    if (codes.has(group.groupCode)) return `usage slice repeats the group ${group.groupCode}`;
    codes.add(group.groupCode);
  }
  return undefined;
}
