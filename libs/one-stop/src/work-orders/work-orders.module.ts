import { Module } from '@nestjs/common';

/** Every node that can carry a segment: the work orders it runs for home cities' circuit orders. */
@Module({})
export class WorkOrdersModule {}
