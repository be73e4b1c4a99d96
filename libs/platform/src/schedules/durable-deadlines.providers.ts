import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import type { FactoryProvider, InjectionToken, Provider } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { DeadlineKind } from './durable-deadline';
import {
  type DeadlineJobData,
  type DeadlineNames,
  DurableDeadlines,
  reconcileJobName,
} from './durable-deadlines';
import { keptJobSchedule } from './job-schedules';

/** The token under which a queue's `DurableDeadlines` is provided. */
export function deadlinesToken(queue: string): string {
  return `kaf:deadlines:${queue}`;
}

/**
 * The providers of one kind of durable deadline, among the capability's module providers: its
 * `DurableDeadlines` (inject with `deadlinesToken(queue)`) and the kept schedule of its reconcile
 * pass every `everyMs`. The module registers the queue and a processor extending `DeadlineJobHost`.
 */
export function durableDeadlines<O>(spec: {
  names: DeadlineNames;
  /** The capability's provider implementing `DeadlineKind`. */
  kind: InjectionToken;
  options: InjectionToken;
  everyMs: (options: O) => number;
}): Provider[] {
  const deadlines: FactoryProvider = {
    provide: deadlinesToken(spec.names.queue),
    useFactory: (queue: Queue<DeadlineJobData>, kind: DeadlineKind) =>
      new DurableDeadlines(queue, spec.names, kind),
    inject: [getQueueToken(spec.names.queue), spec.kind],
  };
  const schedule = keptJobSchedule<O>({
    queue: spec.names.queue,
    job: reconcileJobName(spec.names),
    options: spec.options,
    everyMs: spec.everyMs,
  });
  return [deadlines, schedule];
}

/**
 * The worker of a deadline queue: a capability's `@Processor(queue)` class extends it and passes
 * its `DurableDeadlines`, so every kind fires, re-arms and reconciles the same way.
 */
export abstract class DeadlineJobHost extends WorkerHost {
  constructor(private readonly deadlines: DurableDeadlines) {
    super();
  }

  process(job: Job<DeadlineJobData>, token?: string): Promise<{ outcome: string; armed?: number }> {
    return this.deadlines.process(job, token);
  }
}
