import { Global, Module } from '@nestjs/common';
import { JobScheduleKeeper } from './job-schedule.keeper';

/** The node's one keeper of BullMQ job schedulers; capabilities declare theirs with `keptJobSchedule`. */
@Global()
@Module({ providers: [JobScheduleKeeper], exports: [JobScheduleKeeper] })
export class JobSchedulesModule {}
