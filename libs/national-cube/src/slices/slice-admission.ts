import type { UsageRollupSlice } from '@kaf/contracts';
import { VALUE_CLASSES } from '@kaf/usage-rules';

const INT64_MAX = 2n ** 63n - 1n;
const ATTRIBUTE = /^[\p{L}\p{N}_*?.:-]{1,64}$/u;

/**
 * Why a slice's body cannot be applied, or undefined when it can: its cells must fit the cube's
 * keys and columns. The sender, the city (one of the sender's), the month and the version are
 * checked by the upward-figures handler before.
 */
export function sliceRefusal(slice: UsageRollupSlice): string | undefined {
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
