import { CreateServiceQualitySlices1796960000002 } from './migrations/1796960000002-CreateServiceQualitySlices';
import { ServiceQualityLineEntity } from './slices/service-quality-line.entity';
import { ServiceQualitySliceDirtyEntity } from './slices/service-quality-slice-dirty.entity';
import { ServiceQualitySliceSentEntity } from './slices/service-quality-slice-sent.entity';
import { ServiceQualitySliceEntity } from './slices/service-quality-slice.entity';

/** Tables owned by the service-quality capability, for the node's DataSource. */
export const SERVICE_QUALITY_ENTITIES = [
  ServiceQualitySliceEntity,
  ServiceQualityLineEntity,
  ServiceQualitySliceDirtyEntity,
  ServiceQualitySliceSentEntity,
];
export const SERVICE_QUALITY_MIGRATIONS = [CreateServiceQualitySlices1796960000002];
