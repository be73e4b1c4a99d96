import type { Queue } from 'bullmq';
import { MetricsRegistry } from '@kaf/observability';
import { JobScheduleKeeper } from './job-schedule.keeper';

/** A queue that holds its job schedulers in a map, as Redis would until it loses them. */
function queueStub(): Queue & { schedulers: Map<string, number>; removed: string[] } {
  const schedulers = new Map<string, number>();
  const removed: string[] = [];
  const stub = {
    schedulers,
    removed,
    upsertJobScheduler: (id: string, repeat: { every: number }) => {
      schedulers.set(id, repeat.every);
      return Promise.resolve();
    },
    getJobScheduler: (id: string) => Promise.resolve(schedulers.has(id) ? { key: id } : undefined),
    removeJobScheduler: (id: string) => {
      removed.push(id);
      return Promise.resolve(schedulers.delete(id));
    },
    client: Promise.resolve({ on: () => undefined }),
  };
  return stub as unknown as Queue & typeof stub;
}

describe('JobScheduleKeeper', () => {
  it('creates declared schedulers at boot, removes those switched off, and re-creates lost ones', async () => {
    const metrics = new MetricsRegistry();
    const keeper = new JobScheduleKeeper(metrics);
    const reports = queueStub();
    const settlement = queueStub();
    keeper.declare(reports, { queue: 'reports', job: 'report', everyMs: 15_000 });
    keeper.declare(settlement, { queue: 'settlement', job: 'settle', everyMs: 0 });
    await keeper.onApplicationBootstrap();
    try {
      expect([...reports.schedulers]).toEqual([['report', 15_000]]);
      expect(settlement.removed).toEqual(['settle']);
      expect(await keeper.check()).toEqual([]);
      expect(keeper.snapshot()).toMatchObject({ restored: 0, lastRestoredAt: null });

      reports.schedulers.clear();
      expect(await keeper.check()).toEqual(['reports/report']);
      expect([...reports.schedulers]).toEqual([['report', 15_000]]);
      expect(settlement.schedulers.size).toBe(0);
      expect(keeper.snapshot()).toMatchObject({ restored: 1, lastRestored: ['reports/report'] });
      expect(keeper.snapshot().lastRestoredAt).toBeInstanceOf(Date);
      expect(await metrics.registry.metrics()).toMatch(
        /kaf_job_schedules_restored_total\{schedule="reports\/report"\} 1/,
      );
    } finally {
      await keeper.onApplicationShutdown();
    }
  });

  it('refuses a schedule declared twice', () => {
    const keeper = new JobScheduleKeeper(new MetricsRegistry());
    keeper.declare(queueStub(), { queue: 'q', job: 'j', everyMs: 1000 });
    expect(() => keeper.declare(queueStub(), { queue: 'q', job: 'j', everyMs: 1000 })).toThrow(/twice/);
  });
});
