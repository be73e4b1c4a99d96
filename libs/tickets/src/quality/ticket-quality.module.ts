import { type DynamicModule, Module } from '@nestjs/common';
import { TicketsModule } from '../tickets.module';
import { CityQualityController } from './city-quality.controller';
import { CityQualityService } from './city-quality.service';
import { CityServiceQualitySource } from './city-service-quality.source';
import {
  SERVICE_QUALITY_REPORTING_PACE,
  serviceQualityReportingPace,
} from './service-quality-reporting.options';
import { TicketQualityListener } from './ticket-quality.listener';
import { TicketQualityRepository } from './ticket-quality.repository';

/**
 * City: its service quality reported to the province as the service-quality measure. A ticket's
 * events mark its months (`TicketQualityListener`); the marks are exported for the other writers
 * of what a month counts.
 */
@Module({})
export class TicketQualityModule {
  static forRoot(options: { intervalMs: number }): DynamicModule {
    return {
      module: TicketQualityModule,
      imports: [TicketsModule],
      controllers: [CityQualityController],
      providers: [
        CityQualityService,
        TicketQualityRepository,
        TicketQualityListener,
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
