import { CreateVisitsAndTasks1795457469307 } from './migrations/1795457469307-CreateVisitsAndTasks';
import { TasksWithStaffOwners1796910000001 } from './migrations/1796910000001-TasksWithStaffOwners';
import { FollowUpTaskEntity } from './tasks/follow-up-task.entity';
import { CustomerVisitEntity } from './visits/customer-visit.entity';

/** Tables owned by the visits capability, for the node's DataSource. */
export const VISITS_ENTITIES = [CustomerVisitEntity, FollowUpTaskEntity];
export const VISITS_MIGRATIONS = [CreateVisitsAndTasks1795457469307, TasksWithStaffOwners1796910000001];
