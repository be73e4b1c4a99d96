import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomerReportsController } from './reports/customer-reports.controller';
import { CustomerReportsService } from './reports/customer-reports.service';
import { ReportedCustomerDirectory } from './reports/reported-customer-directory';
import { CustomerSnapshotHandler } from './reports/customer-snapshot.handler';

/** A province's read-only view of its cities' customers, fed by their snapshots. */
@Module({
  imports: [AuditModule],
  controllers: [CustomerReportsController],
  providers: [CustomerSnapshotHandler, CustomerReportsService, ReportedCustomerDirectory],
  exports: [ReportedCustomerDirectory],
})
export class CustomerReportsModule {}
