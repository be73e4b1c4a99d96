import { GroupUsageCellEntity } from './cube/group-usage-cell.entity';
import { UsageRollupCellEntity } from './cube/usage-rollup-cell.entity';
import { UsageSliceEntity } from './cube/usage-slice.entity';
import { CityCustomerUsageEntity } from './detail/city-customer-usage.entity';
import { UsageSliceDirtyEntity } from './detail/usage-slice-dirty.entity';
import { CreateUsageCube1795826952380 } from './migrations/1795826952380-CreateUsageCube';
import { AddUsageCubeProductMonthIndex1795827364861 } from './migrations/1795827364861-AddUsageCubeProductMonthIndex';

/**
 * The cities' detail (province only) and the cube: built here at a province, held as received at
 * the national node, defined once here for both.
 */
export const PROVINCE_USAGE_ENTITIES = [
  UsageRollupCellEntity,
  GroupUsageCellEntity,
  UsageSliceEntity,
  CityCustomerUsageEntity,
  UsageSliceDirtyEntity,
];
export const PROVINCE_USAGE_MIGRATIONS = [
  CreateUsageCube1795826952380,
  AddUsageCubeProductMonthIndex1795827364861,
];
