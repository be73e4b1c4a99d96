import { CreateGroupRegistry1795457158672 } from './migrations/1795457158672-CreateGroupRegistry';
import { CreateGroupCodeSequence1795457158673 } from './migrations/1795457158673-CreateGroupCodeSequence';
import { GroupCustomerEntity } from './registry/group-customer.entity';
import { GroupMemberEntity } from './registry/group-member.entity';
import { GroupCustomerReplicaEntity } from './replica/group-customer-replica.entity';

/** Tables of the group registry (national) and of its replica (cities), for the node's DataSource. */
export const GROUPS_ENTITIES = [GroupCustomerEntity, GroupMemberEntity, GroupCustomerReplicaEntity];
export const GROUPS_MIGRATIONS = [CreateGroupRegistry1795457158672, CreateGroupCodeSequence1795457158673];
