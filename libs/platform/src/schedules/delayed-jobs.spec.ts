import type { Queue } from 'bullmq';
import { ensureDelayedJob } from './delayed-jobs';

/** A queue holding jobs by id with a state, as Redis would. */
function queueStub(states: Record<string, string> = {}) {
  const added: { name: string; data: unknown; opts: { jobId: string; delay: number } }[] = [];
  const removed: string[] = [];
  const stub = {
    getJob: (id: string) =>
      Promise.resolve(
        states[id] === undefined
          ? undefined
          : {
              getState: () => Promise.resolve(states[id]),
              remove: () => {
                removed.push(id);
                return Promise.resolve();
              },
            },
      ),
    add: (name: string, data: unknown, opts: { jobId: string; delay: number }) => {
      added.push({ name, data, opts });
      return Promise.resolve();
    },
  };
  return { queue: stub as unknown as Queue<{ id: string }>, added, removed };
}

describe('ensureDelayedJob', () => {
  const now = new Date('2026-05-10T00:00:00Z');
  const job = (jobId: string, dueAt: Date) => ({ name: 'time-out', jobId, data: { id: jobId }, dueAt });

  it('adds a job due at the instant, at once when it has passed', async () => {
    const { queue, added } = queueStub();
    expect(await ensureDelayedJob(queue, job('a', new Date(now.getTime() + 5000)), now)).toBe(true);
    expect(await ensureDelayedJob(queue, job('b', new Date(now.getTime() - 5000)), now)).toBe(true);
    expect(added.map((a) => [a.name, a.opts.jobId, a.opts.delay])).toEqual([
      ['time-out', 'a', 5000],
      ['time-out', 'b', 0],
    ]);
  });

  it('leaves a waiting job alone, and replaces a finished one the database says is still due', async () => {
    const { queue, added, removed } = queueStub({ waiting: 'delayed', done: 'completed', failed: 'failed' });
    expect(await ensureDelayedJob(queue, job('waiting', now), now)).toBe(false);
    expect(await ensureDelayedJob(queue, job('done', now), now)).toBe(true);
    expect(await ensureDelayedJob(queue, job('failed', now), now)).toBe(true);
    expect(removed).toEqual(['done', 'failed']);
    expect(added.map((a) => a.opts.jobId)).toEqual(['done', 'failed']);
  });
});
