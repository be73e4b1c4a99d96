import { Module } from '@nestjs/common';
import { AccountManagersModule } from '@kaf/account-managers';
import { AuditModule } from '@kaf/audit';
import { GroupReplicaModule } from '@kaf/groups';
import { CustomerAssignmentsController } from './assignments/customer-assignments.controller';
import { CustomerAssignmentsService } from './assignments/customer-assignments.service';
import { CustomerLifecycleController } from './lifecycle/customer-lifecycle.controller';
import { CustomerStatusGuards } from './lifecycle/customer-status-guards';
import { CustomerLifecycleService } from './lifecycle/customer-lifecycle.service';
import { CustomerMembershipController } from './membership/customer-membership.controller';
import { CustomerMembershipService } from './membership/customer-membership.service';
import { CustomerChanges } from './profile/customer-changes';
import { CustomerDirectory } from './profile/customer-directory';
import { CustomersController } from './profile/customers.controller';
import { CustomersService } from './profile/customers.service';
import { CustomerResyncRequestHandler } from './snapshots/customer-resync-request.handler';
import { CustomerResyncs } from './snapshots/customer-resyncs';
import { CustomerSnapshotPublisher } from './snapshots/customer-snapshot.publisher';

/**
 * The customer file at a city node: profiles, lifecycle, account-manager assignment, group
 * membership, and the snapshots reported upward.
 */
@Module({
  imports: [AuditModule, AccountManagersModule, GroupReplicaModule],
  controllers: [
    CustomersController,
    CustomerLifecycleController,
    CustomerAssignmentsController,
    CustomerMembershipController,
  ],
  providers: [
    CustomerDirectory,
    CustomerChanges,
    CustomerSnapshotPublisher,
    CustomerResyncRequestHandler,
    CustomerResyncs,
    CustomersService,
    CustomerLifecycleService,
    CustomerAssignmentsService,
    CustomerMembershipService,
    CustomerStatusGuards,
  ],
  exports: [CustomerDirectory, CustomerSnapshotPublisher, CustomerResyncs, CustomerStatusGuards],
})
export class CustomersModule {}
