import { Module } from '@nestjs/common';

/** Province and national: compare totals with each child and resync what differs. */
@Module({})
export class UsageReconciliationModule {}
