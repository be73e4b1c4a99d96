import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomerSnapshotHandler } from './registry/customer-snapshot.handler';
import { GroupMembersService } from './registry/group-members.service';
import { GroupRegistryDirectory } from './registry/group-registry-directory';
import { GroupRegistryController } from './registry/group-registry.controller';
import { GroupRegistryPublication } from './registry/group-registry.publication';
import { GroupRegistryService } from './registry/group-registry.service';
import { GroupDirectory } from './replica/group-directory';
import { GroupReplicaController } from './replica/group-replica.controller';
import { GroupReplicaListener } from './replica/group-replica.listener';

/**
 * National tier: the group-customer registry (集团客户), which it publishes to every city, and
 * the member lists it learns from the cities' customer snapshots.
 */
@Module({
  imports: [AuditModule],
  controllers: [GroupRegistryController],
  providers: [
    GroupRegistryService,
    GroupMembersService,
    GroupRegistryPublication,
    CustomerSnapshotHandler,
    GroupRegistryDirectory,
  ],
  exports: [GroupRegistryDirectory],
})
export class GroupRegistryModule {}

/**
 * City tier: a read-only replica of the national registry, so that the city's customers can be
 * attached to groups (`GroupDirectory`) without asking the national node.
 */
@Module({
  imports: [AuditModule],
  controllers: [GroupReplicaController],
  providers: [GroupDirectory, GroupReplicaListener],
  exports: [GroupDirectory],
})
export class GroupReplicaModule {}
