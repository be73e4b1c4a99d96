import { ArrearsRollupCellEntity } from './arrears/arrears-rollup-cell.entity';
import { ArrearsSliceDirtyEntity } from './arrears/arrears-slice-dirty.entity';
import { ArrearsSliceEntity } from './arrears/arrears-slice.entity';
import { CityCustomerArrearsEntity } from './arrears/city-customer-arrears.entity';
import { GroupUsageCellEntity } from './cube/group-usage-cell.entity';
import { UsageRollupCellEntity } from './cube/usage-rollup-cell.entity';
import { UsageSliceEntity } from './cube/usage-slice.entity';
import { CityCustomerUsageEntity } from './detail/city-customer-usage.entity';
import { UsageSliceDirtyEntity } from './detail/usage-slice-dirty.entity';
import { CreateUsageCube1795826952380 } from './migrations/1795826952380-CreateUsageCube';
import { AddUsageCubeProductMonthIndex1795827364861 } from './migrations/1795827364861-AddUsageCubeProductMonthIndex';
import { CreateArrearsRollups1796720000002 } from './migrations/1796720000002-CreateArrearsRollups';

/**
 * The cities' detail (province only) and the cube and arrears slices: built here at a province, held as received at
 * the national node, defined once here for both.
 */
export const PROVINCE_USAGE_ENTITIES = [
  UsageRollupCellEntity,
  GroupUsageCellEntity,
  UsageSliceEntity,
  CityCustomerUsageEntity,
  UsageSliceDirtyEntity,
  ArrearsSliceEntity,
  ArrearsRollupCellEntity,
  CityCustomerArrearsEntity,
  ArrearsSliceDirtyEntity,
];
export const PROVINCE_USAGE_MIGRATIONS = [
  CreateUsageCube1795826952380,
  AddUsageCubeProductMonthIndex1795827364861,
  CreateArrearsRollups1796720000002,
];
