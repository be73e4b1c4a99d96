import { type DynamicModule, Module } from '@nestjs/common';
import { CityServiceQualitySource } from './city-service-quality.source';
import {
  SERVICE_QUALITY_REPORTING_PACE,
  serviceQualityReportingPace,
} from './service-quality-reporting.options';
import { TicketQualityRepository } from './ticket-quality.repository';

/**
 * City: its service quality reported to the province as the service-quality measure. Exports the
 * months' marks, which the ticket writers call in their transaction.
 */
@Module({})
export class TicketQualityModule {
  static forRoot(options: { intervalMs: number }): DynamicModule {
    return {
      module: TicketQualityModule,
      providers: [
        TicketQualityRepository,
        CityServiceQualitySource,
        {
          provide: SERVICE_QUALITY_REPORTING_PACE,
          useValue: serviceQualityReportingPace(options.intervalMs),
        },
      ],
      exports: [TicketQualityRepository],
    };
  }
}
