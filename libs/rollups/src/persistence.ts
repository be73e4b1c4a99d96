import { GroupUsageCellEntity } from './cube/group-usage-cell.entity';
import { UsageRollupCellEntity } from './cube/usage-rollup-cell.entity';
import { UsageSliceEntity } from './cube/usage-slice.entity';
import { UsageCityProductCellEntity } from './analytics/summary/usage-city-product-cell.entity';
import { UsageProvinceProductCellEntity } from './analytics/summary/usage-province-product-cell.entity';
import { UsageRollupProvinceCellEntity } from './analytics/summary/usage-rollup-province-cell.entity';
import { CityCustomerUsageEntity } from './detail/city-customer-usage.entity';
import { UsageSliceDirtyEntity } from './detail/usage-slice-dirty.entity';
import { CreateUsageCube1795826952380 } from './migrations/1795826952380-CreateUsageCube';
import { AddUsageCubeProductMonthIndex1795827364861 } from './migrations/1795827364861-AddUsageCubeProductMonthIndex';
import { CreateBillingPolicyAndReconciliation1795827588065 } from './migrations/1795827588065-CreateBillingPolicyAndReconciliation';
import { ReconciliationChildEntity } from './reconciliation/reconciliation-child.entity';
import { ReconciliationRunEntity } from './reconciliation/reconciliation-run.entity';
import { AddProvinceCubeSummary1795827380955 } from './migrations/1795827380955-AddProvinceCubeSummary';
import { AddCityProductSummary1795828340202 } from './migrations/1795828340202-AddCityProductSummary';
import { IndexCubeSummariesByProduct1795828586070 } from './migrations/1795828586070-IndexCubeSummariesByProduct';
import { AddProvinceProductSummary1795828965374 } from './migrations/1795828965374-AddProvinceProductSummary';

/** Tables owned by the rollups capability (province and national tiers), for the node's DataSource. */
export const ROLLUPS_ENTITIES = [
  UsageRollupCellEntity,
  GroupUsageCellEntity,
  UsageSliceEntity,
  CityCustomerUsageEntity,
  UsageSliceDirtyEntity,
  ReconciliationRunEntity,
  ReconciliationChildEntity,
  UsageRollupProvinceCellEntity,
  UsageCityProductCellEntity,
  UsageProvinceProductCellEntity,
];
export const ROLLUPS_MIGRATIONS = [
  CreateUsageCube1795826952380,
  AddUsageCubeProductMonthIndex1795827364861,
  AddProvinceCubeSummary1795827380955,
  CreateBillingPolicyAndReconciliation1795827588065,
  AddCityProductSummary1795828340202,
  IndexCubeSummariesByProduct1795828586070,
  AddProvinceProductSummary1795828965374,
];
