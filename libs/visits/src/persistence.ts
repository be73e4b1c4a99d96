import { CreateVisitsAndTasks1795457469307 } from './migrations/1795457469307-CreateVisitsAndTasks';
import { FollowUpTaskEntity } from './tasks/follow-up-task.entity';
import { CustomerVisitEntity } from './visits/customer-visit.entity';

/** Tables owned by the visits capability, for the node's DataSource. */
export const VISITS_ENTITIES = [CustomerVisitEntity, FollowUpTaskEntity];
export const VISITS_MIGRATIONS = [CreateVisitsAndTasks1795457469307];
