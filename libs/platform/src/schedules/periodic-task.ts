import { Logger } from '@nestjs/common';

export interface PeriodicTaskOptions {
  /** Names the task in the log lines of its failures. */
  name: string;
  /** Pause between the end of one run and the start of the next, in ms. */
  everyMs: number;
  /** Pause before the first run; the full interval when not given. */
  firstRunAfterMs?: number;
  /** Spread of the pauses (0–1): 0.1 makes each pause 0–10 % longer, so replicas drift apart. */
  jitter?: number;
}

/**
 * In-process work that repeats on this node's own clock: a run never overlaps the previous one,
 * a failed run is logged and the next one comes at its time, and `stop()` waits for the run in
 * flight. A run may return the pause before the next one (0 to go round again at once), e.g. to
 * back off after failures it handles itself.
 */
export class PeriodicTask {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly options: PeriodicTaskOptions,
    private readonly run: () => Promise<number | void>,
  ) {
    this.logger = new Logger(options.name);
  }

  get running(): boolean {
    return !this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.options.firstRunAfterMs ?? this.options.everyMs);
  }

  /** Runs now, unless a run is in flight (then that one is awaited): for events such as a reconnect. */
  async nudge(): Promise<void> {
    if (this.stopped) return;
    if (this.inFlight) return this.inFlight;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.fire();
  }

  /** Schedules no further run and waits for the one in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const jitter = this.options.jitter ? ms * this.options.jitter * Math.random() : 0;
    this.timer = setTimeout(() => void this.fire(), Math.round(ms + jitter));
    this.timer.unref();
  }

  private fire(): Promise<void> {
    this.timer = undefined;
    let next = this.options.everyMs;
    const run = Promise.resolve()
      .then(() => this.run())
      .then((pause) => {
        if (typeof pause === 'number') next = pause;
      })
      .catch((error: unknown) => {
        this.logger.warn({ msg: `${this.options.name} failed`, error: String(error) });
      })
      .finally(() => {
        this.inFlight = undefined;
        this.schedule(next);
      });
    this.inFlight = run;
    return run;
  }
}
