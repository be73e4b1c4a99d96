import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { ArrearsSliceRepository } from './arrears-slice.repository';
import { ArrearsSliceSource } from './arrears-slice.source';
import { CityArrearsRepository } from './city-arrears.repository';
import { CityArrearsSink } from './city-arrears.sink';

/**
 * Province: its cities' arrears per customer and month received (the arrears measure's sink) and
 * the (city, industry, grade, month) slices derived from them for the national node (its source).
 * A customer's change of industry or grade marks its slices (`ReportedCustomerDirtyListener`).
 */
@Module({
  imports: [CustomerReportsModule],
  providers: [CityArrearsRepository, CityArrearsSink, ArrearsSliceRepository, ArrearsSliceSource],
})
export class ProvinceArrearsModule {}
