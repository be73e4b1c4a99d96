/** A BullMQ job scheduler a capability wants kept: one job named `job` every `everyMs`. */
export interface JobSchedule {
  /** The queue, as registered with `BullModule.registerQueue`. */
  queue: string;
  /** The scheduler's id, also the name of the jobs it creates. */
  job: string;
  /** Interval in ms; 0 turns the schedule off (its scheduler is removed at boot). */
  everyMs: number;
}
