import { type DynamicModule, Module } from '@nestjs/common';
import { ArrearsMonthChanges } from '../receivables/arrears-month-changes';
import { ArrearsCellsRepository } from './arrears-cells.repository';
import { ARREARS_REPORTING_PACE, arrearsReportingPace } from './arrears-reporting.options';
import { CityArrearsSource } from './city-arrears.source';

/**
 * City: its customers' arrears reported to the province as the arrears measure. Provides the
 * registry the receivables tell of changed month rows (`ArrearsMonthChanges`), which the source
 * listens to; the billing module re-exports it to the bookings.
 */
@Module({})
export class ArrearsReportingModule {
  static forRoot(options: { intervalMs: number }): DynamicModule {
    return {
      module: ArrearsReportingModule,
      providers: [
        ArrearsMonthChanges,
        ArrearsCellsRepository,
        CityArrearsSource,
        { provide: ARREARS_REPORTING_PACE, useValue: arrearsReportingPace(options.intervalMs) },
      ],
      exports: [ArrearsMonthChanges],
    };
  }
}
