import type { Queue } from 'bullmq';

const RETAIN_FAILED_SECONDS = 7 * 24 * 3600;

/** A durable timer's job: one per item (its id says which), due at an instant the database holds. */
export interface DelayedJob<D> {
  /** The job's name, as its processor knows it. */
  name: string;
  /** Unique per item and due time: adding it again while it waits is a no-op (no colons: BullMQ refuses them). */
  jobId: string;
  data: D;
  dueAt: Date;
  /** Retries of a run that failed (Redis or the database away), with exponential backoff. */
  attempts?: number;
  backoffMs?: number;
}

/**
 * Adds the delayed job of a durable timer unless it is already waiting; true when it added one.
 * The database is the truth (ADR 0020): the job re-reads its item when it fires, and a reconciler
 * re-creates the jobs Redis lost. A finished job with the same id would swallow the add, so one
 * is removed first: the caller asks because the database says the item is still due.
 */
export async function ensureDelayedJob<D>(
  queue: Queue<D>,
  job: DelayedJob<D>,
  now: Date = new Date(),
): Promise<boolean> {
  const existing = await queue.getJob(job.jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    await existing.remove();
  }
  // A generic D leaves BullMQ's name type unresolved; the name is a plain string here.
  await (queue as unknown as Queue).add(job.name, job.data, {
    jobId: job.jobId,
    delay: Math.max(0, job.dueAt.getTime() - now.getTime()),
    attempts: job.attempts ?? 5,
    backoff: { type: 'exponential', delay: job.backoffMs ?? 2_000 },
    removeOnComplete: true,
    removeOnFail: { age: RETAIN_FAILED_SECONDS },
  });
  return true;
}
