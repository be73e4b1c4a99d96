/** Where progress goes: a terminal gets a bar redrawn in place, anything else a line now and then. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
}

const BAR_WIDTH = 30;
const TTY_EVERY_MS = 100;
const LINE_EVERY_MS = 5000;

/** Progress of a load on stderr: events answered out of the total, and the rate so far. */
export class LoadProgress {
  private done = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly sink: ProgressSink | undefined,
  ) {}

  add(events: number): void {
    this.done += events;
    const now = Date.now();
    const every = this.sink?.isTTY ? TTY_EVERY_MS : LINE_EVERY_MS;
    if (now - this.lastDraw >= every) this.draw(now);
  }

  finish(): void {
    this.draw(Date.now());
    if (this.sink?.isTTY) this.sink.write('\n');
  }

  private draw(now: number): void {
    if (!this.sink) return;
    this.lastDraw = now;
    const share = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.done / seconds;
    const eta = rate > 0 ? Math.round((this.total - this.done) / rate) : 0;
    const figures = `${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} events, ${Math.round(rate).toLocaleString('en-US')} ev/s`;
    if (this.sink.isTTY) {
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
      this.sink.write(`\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}% ${figures}, ${eta}s left   `);
    } else {
      this.sink.write(`${(share * 100).toFixed(0)}% ${figures}, ${seconds.toFixed(0)}s elapsed\n`);
    }
  }
}
