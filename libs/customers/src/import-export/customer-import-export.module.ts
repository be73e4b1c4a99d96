import { Module } from '@nestjs/common';
import { AccountManagersModule } from '@kaf/account-managers';
import { AuditModule } from '@kaf/audit';
import { CustomerSnapshotPublisher } from '../snapshots/customer-snapshot.publisher';
import { CustomerExportService } from './customer-export.service';
import { CustomerImportExportController } from './customer-import-export.controller';
import { CustomerImportService } from './customer-import.service';

/** Bulk CSV import and export of the city's customer file. */
@Module({
  imports: [AccountManagersModule, AuditModule],
  controllers: [CustomerImportExportController],
  providers: [CustomerImportService, CustomerExportService, CustomerSnapshotPublisher],
})
export class CustomerImportExportModule {}
