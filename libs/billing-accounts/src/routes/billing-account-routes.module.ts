import { Module } from '@nestjs/common';
import { BillingAccountChanges } from '../accounts/billing-account-changes';
import { BillingAccountRoutes } from './billing-account-routes';
import { BillingAccountRoutesController } from './billing-account-routes.controller';
import { BillingAccountSnapshotHandler } from './billing-account-snapshot.handler';
import { ReportedBillingAccountRepository } from './reported-billing-account.repository';

/**
 * The province's read model of its cities' billing accounts, fed by their snapshots, and the
 * routing of a province-wide billing feed to the city that holds each account.
 */
@Module({
  controllers: [BillingAccountRoutesController],
  providers: [
    BillingAccountSnapshotHandler,
    ReportedBillingAccountRepository,
    BillingAccountRoutes,
    BillingAccountChanges,
  ],
  exports: [BillingAccountRoutes, BillingAccountChanges],
})
export class BillingAccountRoutesModule {}
