import { AddProvinceCubeSummary1795827380955 } from './migrations/1795827380955-AddProvinceCubeSummary';
import { AddCityProductSummary1795828340202 } from './migrations/1795828340202-AddCityProductSummary';
import { IndexCubeSummariesByProduct1795828586070 } from './migrations/1795828586070-IndexCubeSummariesByProduct';
import { AddProvinceProductSummary1795828965374 } from './migrations/1795828965374-AddProvinceProductSummary';
import { UsageCityProductCellEntity } from './summary/usage-city-product-cell.entity';
import { UsageProvinceProductCellEntity } from './summary/usage-province-product-cell.entity';
import { UsageRollupProvinceCellEntity } from './summary/usage-rollup-province-cell.entity';

/** The summaries the national node keeps beside the cube (whose tables `@kaf/province-usage` defines). */
export const NATIONAL_CUBE_ENTITIES = [
  UsageRollupProvinceCellEntity,
  UsageCityProductCellEntity,
  UsageProvinceProductCellEntity,
];
export const NATIONAL_CUBE_MIGRATIONS = [
  AddProvinceCubeSummary1795827380955,
  AddCityProductSummary1795828340202,
  IndexCubeSummariesByProduct1795828586070,
  AddProvinceProductSummary1795828965374,
];
