import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { SliceDirtyList, type UsageSlicesOptions } from '@kaf/province-usage';
import { ServiceQualityAnalyticsController } from './analytics/service-quality-analytics.controller';
import { ServiceQualityAnalyticsService } from './analytics/service-quality-analytics.service';
import { SERVICE_QUALITY_SLICES_DIRTY, ServiceQualitySink } from './slices/service-quality.sink';
import {
  SERVICE_QUALITY_SLICES_OPTIONS,
  ServiceQualitySliceSource,
} from './slices/service-quality-slice.source';
import { ServiceQualitySlicesRepository } from './slices/service-quality-slices.repository';

/** Kept city-months waiting to be reported on to CN: derived from the copy into the sent versions. */
const SLICES_DIRTY = new SliceDirtyList(
  'service_quality_slice_dirty',
  'service_quality_slice',
  'service_quality_slice_sent',
);

/**
 * Service quality at the parents (ADR 0048): a province receives its cities' months and reports
 * them on to CN; CN receives the provinces'. Both answer GET /analytics/service-quality over what
 * they keep.
 */
@Module({})
export class ServiceQualityModule {
  static forTier(tier: 'province' | 'national', options: { slices: UsageSlicesOptions }): DynamicModule {
    const common: Provider[] = [
      ServiceQualitySlicesRepository,
      ServiceQualitySink,
      ServiceQualityAnalyticsService,
    ];
    const province: Provider[] = [
      ServiceQualitySliceSource,
      { provide: SERVICE_QUALITY_SLICES_DIRTY, useValue: SLICES_DIRTY },
      { provide: SERVICE_QUALITY_SLICES_OPTIONS, useValue: options.slices },
    ];
    return {
      module: ServiceQualityModule,
      controllers: [ServiceQualityAnalyticsController],
      providers: tier === 'province' ? [...common, ...province] : common,
    };
  }
}
