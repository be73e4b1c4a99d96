// The province's copy of its cities' usage and arrears detail and the slices built from them and
// sent to the national node. The cube tables are defined here and held at CN as well: national libs import
// their vocabulary from here, downward, never the reverse.
export { ProvinceUsageModule, type ProvinceUsageOptions } from './province-usage.module';
export { PROVINCE_USAGE_ENTITIES, PROVINCE_USAGE_MIGRATIONS } from './persistence';
export { ALL_PRODUCTS, UNKNOWN_ATTRIBUTE } from './cube/usage-cube.vocabulary';
export { arrearsSliceTotals, type ArrearsLineFigures } from './arrears/arrears-slice-body';
export { upsertArrearsSlice, arrearsSliceTotalsLines } from './arrears/arrears-slice.table';
// What every measure a province reports as derived slices shares (ADR 0037).
export { type ClaimedSlice, SliceDirtyList } from './slices/slice-dirty-list';
export { derivedSlicePace, takeDerivedSlice } from './slices/derived-slices';
export type { UsageSlicesOptions } from './slices/usage-slices.options';
