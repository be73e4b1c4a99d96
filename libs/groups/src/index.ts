// The national group-customer registry (集团客户) and the read-only replica every city keeps.
export { GroupRegistryModule, GroupReplicaModule } from './groups.module';
export { GROUP_REGISTRY_DOCUMENT } from './group-registry.document';
export { GroupRegistryDirectory } from './registry/group-registry-directory';
export { GroupDirectory, type GroupRef } from './replica/group-directory';
export { GroupCustomerView, GROUP_GRADES, GROUP_STATUSES } from './group-customer.view';
export type { GroupGrade, GroupStatus } from './group-customer.view';
export { GROUPS_ENTITIES, GROUPS_MIGRATIONS } from './persistence';
