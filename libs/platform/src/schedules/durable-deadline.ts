/** What a deadline's check decided, in its own transaction. */
export type DeadlineOutcome =
  /** Fired now, or found already fired or no longer wanted: nothing more to wait for. */
  | { kind: 'done' }
  /** Due later than now (the deadline moved): the job re-arms itself for `at`. */
  | { kind: 'notDue'; at: Date }
  /** Stood still: its owner arms it again when the clock runs on. */
  | { kind: 'paused' };

/** An open deadline as the database lists it. */
export interface OpenDeadline {
  /** The item's id (no colons: BullMQ job ids refuse them). */
  id: string;
  dueAt: Date;
}

/**
 * A capability's kind of deadline: the database holds each one, the mechanism keeps a delayed
 * job per open one and calls `check` when it fires. `check` decides in one transaction and marks
 * what fired there (a `fired_at`, a state, a unique key), so that a second firing — a job re-added
 * by the reconciler, another replica, a redelivery — finds it done: each deadline fires once.
 */
export interface DeadlineKind {
  /**
   * Open, running deadlines after `after` (ids in ascending order, `''` for the first page), at
   * most `limit`: paused ones are left out, their owner arms them when they run on.
   */
  listOpen(after: string, limit: number): Promise<OpenDeadline[]>;
  check(id: string, now: Date): Promise<DeadlineOutcome>;
}
