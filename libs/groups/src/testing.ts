// Test entry point (@kaf/groups/testing): the national registry's snapshot handler and member
// lists, driven directly against a real database by the integration suites.
export { CustomerSnapshotHandler } from './registry/customer-snapshot.handler';
export { GroupMembersService } from './registry/group-members.service';
