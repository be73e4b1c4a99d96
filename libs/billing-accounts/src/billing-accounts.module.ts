import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { BillingAccountChanges } from './accounts/billing-account-changes';
import { BillingAccountViewExtensions } from './accounts/billing-account-view-extensions';
import { BillingAccountWrites } from './accounts/billing-account-writes';
import { BillingAccountDirectory } from './accounts/billing-account.directory';
import { BillingAccountRepository } from './accounts/billing-account.repository';
import { BillingAccountsController } from './accounts/billing-accounts.controller';
import { BillingAccountsService } from './accounts/billing-accounts.service';
import { BillingAccountImportController } from './imports/billing-account-import.controller';
import { BillingAccountImportService } from './imports/billing-account-import.service';
import { BillingAccountResync } from './snapshots/billing-account-resync';
import { BillingAccountSnapshotPublisher } from './snapshots/billing-account-snapshot.publisher';

/**
 * Billing accounts at a city: the billing systems' account numbers its customers hold, by month,
 * maintained over REST and CSV, resolved for the billing doors, and reported to the province.
 */
@Module({
  imports: [AuditModule, CustomersModule],
  controllers: [BillingAccountsController, BillingAccountImportController],
  providers: [
    BillingAccountRepository,
    BillingAccountDirectory,
    BillingAccountChanges,
    BillingAccountViewExtensions,
    BillingAccountWrites,
    BillingAccountSnapshotPublisher,
    BillingAccountResync,
    BillingAccountsService,
    BillingAccountImportService,
  ],
  exports: [BillingAccountDirectory, BillingAccountChanges, BillingAccountViewExtensions],
})
export class BillingAccountsModule {}
