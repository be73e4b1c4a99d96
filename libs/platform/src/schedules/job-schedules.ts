import { getQueueToken } from '@nestjs/bullmq';
import type { FactoryProvider, InjectionToken } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobScheduleKeeper } from './job-schedule.keeper';

/**
 * Declares a capability's job scheduler to the keeper, once, among the module's providers: the
 * keeper creates it at boot and puts it back whenever Redis has lost it. `everyMs` reads the
 * interval from the capability's options (the `options` token, resolved in the module).
 */
export function keptJobSchedule<O>(spec: {
  queue: string;
  job: string;
  options: InjectionToken;
  everyMs: (options: O) => number;
}): FactoryProvider {
  return {
    provide: `kaf:job-schedule:${spec.queue}:${spec.job}`,
    useFactory: (keeper: JobScheduleKeeper, queue: Queue, options: O) =>
      keeper.declare(queue, { queue: spec.queue, job: spec.job, everyMs: spec.everyMs(options) }),
    inject: [JobScheduleKeeper, getQueueToken(spec.queue), spec.options],
  };
}
