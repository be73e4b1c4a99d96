// Customer visits (走访) and account managers' follow-up tasks, at the city node.
export * from './visits.module';
export { type SourcedTask, TasksService } from './tasks/tasks.service';
export { TASK_SOURCES, TASK_STATUSES, type TaskSource, type TaskStatus } from './tasks/follow-up-task.entity';
export { VISITS_ENTITIES, VISITS_MIGRATIONS } from './persistence';
export { IsInstant } from './instant';
