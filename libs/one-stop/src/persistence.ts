import type { MigrationInterface } from 'typeorm';
import { CreateWorkOrders1795838310654 } from './migrations/1795838310654-CreateWorkOrders';
import { WorkOrderStateChangeEntity } from './work-orders/work-order-state-change.entity';
import { WorkOrderEntity } from './work-orders/work-order.entity';

/** Tables owned by the one-stop capability, for the node's DataSource. */
export const ONE_STOP_ENTITIES: (new () => object)[] = [WorkOrderEntity, WorkOrderStateChangeEntity];
export const ONE_STOP_MIGRATIONS: (new () => MigrationInterface)[] = [CreateWorkOrders1795838310654];
