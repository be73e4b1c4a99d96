import { DelayedError, type Job, type Queue } from 'bullmq';
import type { DeadlineKind, DeadlineOutcome, OpenDeadline } from './durable-deadline';
import { type DeadlineJobData, DurableDeadlines } from './durable-deadlines';

const NAMES = { queue: 'q', job: 'fire' };
const now = new Date('2026-05-10T00:00:00Z');

/** A queue that keeps its jobs by id, waiting until removed, as Redis would. */
function queueStub() {
  const jobs = new Map<string, { name: string; delay: number }>();
  const stub = {
    getJob: (id: string) =>
      Promise.resolve(
        jobs.has(id)
          ? { getState: () => Promise.resolve('delayed'), remove: () => Promise.resolve() }
          : undefined,
      ),
    add: (name: string, _data: unknown, opts: { jobId: string; delay: number }) => {
      jobs.set(opts.jobId, { name, delay: opts.delay });
      return Promise.resolve();
    },
    remove: (id: string) => Promise.resolve(jobs.delete(id) ? 1 : 0),
  };
  return { queue: stub as unknown as Queue<DeadlineJobData>, jobs, flush: () => jobs.clear() };
}

/** Deadlines in a table: listed in pages by id, checked by their own rule. */
function kindOf(rows: OpenDeadline[], check: (id: string) => DeadlineOutcome = () => ({ kind: 'done' })) {
  const pages: string[] = [];
  const kind: DeadlineKind = {
    listOpen: (after, limit) => {
      pages.push(after);
      return Promise.resolve(rows.filter((r) => r.id > after).slice(0, limit));
    },
    check: (id) => Promise.resolve(check(id)),
  };
  return { kind, pages };
}

function jobOf(name: string, id: string) {
  const moved: number[] = [];
  const job = {
    name,
    data: { id },
    moveToDelayed: (at: number) => {
      moved.push(at);
      return Promise.resolve();
    },
  };
  return { job: job as unknown as Job<DeadlineJobData>, moved };
}

describe('DurableDeadlines', () => {
  it('arms one job per deadline, and again after Redis lost them', async () => {
    const { queue, jobs, flush } = queueStub();
    const rows = [
      { id: 'a', dueAt: new Date(now.getTime() + 60_000) },
      { id: 'b', dueAt: new Date(now.getTime() - 1_000) },
    ];
    const deadlines = new DurableDeadlines(queue, NAMES, kindOf(rows).kind);
    expect(await deadlines.reconcile(now)).toEqual({ listed: 2, armed: 2 });
    // A passed deadline fires at once, through the worker like any other.
    expect([...jobs.entries()]).toEqual([
      ['fire-a', { name: 'fire', delay: 60_000 }],
      ['fire-b', { name: 'fire', delay: 0 }],
    ]);
    expect(await deadlines.reconcile(now)).toEqual({ listed: 2, armed: 0 });
    flush();
    expect(await deadlines.reconcile(now)).toEqual({ listed: 2, armed: 2 });
    expect(jobs.size).toBe(2);
  });

  it('lists the open deadlines page by page, from after the last id seen', async () => {
    const { queue } = queueStub();
    const rows = Array.from({ length: 1001 }, (_, i) => ({
      id: `d${String(i).padStart(4, '0')}`,
      dueAt: now,
    }));
    const { kind, pages } = kindOf(rows);
    expect((await new DurableDeadlines(queue, NAMES, kind).reconcile(now)).armed).toBe(1001);
    expect(pages).toEqual(['', 'd0499', 'd0999']);
  });

  it('re-arms a job whose deadline moved, and stops on done or paused', async () => {
    const later = new Date(now.getTime() + 30_000);
    const outcomes: Record<string, DeadlineOutcome> = {
      moved: { kind: 'notDue', at: later },
      fired: { kind: 'done' },
      stood: { kind: 'paused' },
    };
    const deadlines = new DurableDeadlines(queueStub().queue, NAMES, kindOf([], (id) => outcomes[id]!).kind);
    const moved = jobOf('fire', 'moved');
    await expect(deadlines.process(moved.job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect(moved.moved).toEqual([later.getTime()]);
    expect(await deadlines.process(jobOf('fire', 'fired').job)).toEqual({ outcome: 'done' });
    expect(await deadlines.process(jobOf('fire', 'stood').job)).toEqual({ outcome: 'paused' });
  });

  it('runs the reconcile pass for the kept schedule on the same queue', async () => {
    const { queue, jobs } = queueStub();
    const deadlines = new DurableDeadlines(queue, NAMES, kindOf([{ id: 'a', dueAt: now }]).kind);
    expect(await deadlines.process(jobOf('fire-reconcile', '').job)).toEqual({
      outcome: 'reconciled',
      armed: 1,
    });
    expect(jobs.has('fire-a')).toBe(true);
  });

  it('disarms the job of a deadline no longer wanted, and arms it again when asked', async () => {
    const { queue, jobs } = queueStub();
    const deadlines = new DurableDeadlines(queue, NAMES, kindOf([]).kind);
    expect(await deadlines.arm('a', now, now)).toBe(true);
    expect(await deadlines.arm('a', now, now)).toBe(false);
    await deadlines.disarm('a');
    expect(jobs.has('fire-a')).toBe(false);
    expect(await deadlines.arm('a', now, now)).toBe(true);
  });

  it('refuses an id BullMQ would refuse', () => {
    const deadlines = new DurableDeadlines(queueStub().queue, NAMES, kindOf([]).kind);
    expect(() => deadlines.arm('a:b', now)).toThrow(/colon/);
  });
});
