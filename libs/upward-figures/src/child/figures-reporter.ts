import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import { PeriodicTask } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { type CellPlace, placeKey } from '../figure-cell';
import { UpwardFigures } from '../upward-figures';
import { UpwardFiguresMetrics } from '../upward-figures.metrics';
import { FigureCellError, type FiguresSource } from './figures-source';
import { figuresMessages } from './report-messages';

/** Failing cells in a row that end a round: the cause is likely shared (the database, a reader). */
const MAX_CELL_FAILURES_IN_A_ROW = 3;
/** A held cell not tried this long after its pause ended is no longer waiting here. */
const FORGET_HELD_AFTER_MS = 10 * 60_000;

/** Pause before a cell whose taking failed is tried again: 1 s, doubling, at most 5 minutes. */
function retryDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 300_000);
}

/**
 * Pushes every registered source's changes to the parent, debounced: a change waits at most the
 * source's interval, and a backlog of `sendAtOnce` goes at once. A round tries at most
 * `cellsPerRound` cells and what is left waits a tick. The state lives in the source's tables
 * (what is waiting), so a restart carries on and nothing is lost: the source's marks and the
 * outbox rows commit together. A cell whose taking fails is held back, doubling its pause, so it
 * cannot block the others; three failing cells in a row end the round.
 */
@Injectable()
export class FiguresReporter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly rounds: SourceRound[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: UpwardFigures,
    private readonly outbox: OutboxWriter,
    private readonly metrics: UpwardFiguresMetrics,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onApplicationBootstrap(): void {
    const parent = this.identity.parentCode;
    if (!parent) return;
    for (const source of this.figures.sources()) {
      const round = new SourceRound(
        source,
        parent,
        this.identity.code,
        this.dataSource,
        this.outbox,
        this.metrics,
      );
      this.rounds.push(round);
      round.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.rounds.map((r) => r.stop()));
  }
}

/** The rounds of one source (exported for its tests). */
export class SourceRound {
  private readonly logger: Logger;
  private readonly task: PeriodicTask;
  private readonly tick: number;
  private waitingSince: number | undefined;
  private failures = 0;
  private readonly heldBack = new Map<string, { place: CellPlace; failures: number; until: number }>();

  constructor(
    private readonly source: FiguresSource,
    private readonly parent: string,
    private readonly reporter: string,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly metrics: UpwardFiguresMetrics,
  ) {
    const measure = source.measure.name;
    this.logger = new Logger(`FiguresReporter:${measure}`);
    this.tick = Math.max(10, Math.floor(source.pace.intervalMs / 4));
    this.task = new PeriodicTask(
      { name: `${measure} figures report round`, everyMs: this.tick, firstRunAfterMs: 0 },
      () => this.round(),
    );
  }

  start(): void {
    this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One look at the backlog; returns the pause before the next. */
  async round(): Promise<number> {
    try {
      const pause = await this.reportIfDue();
      this.failures = 0;
      return pause;
    } catch (error) {
      this.failures += 1;
      this.metrics.reportFailures.inc({ measure: this.source.measure.name });
      const delay = Math.min(5000, 100 * 2 ** Math.min(this.failures, 6));
      this.logger.warn({
        msg: 'figures report round failed; retrying',
        error: String(error),
        delayMs: delay,
      });
      return delay;
    }
  }

  private async reportIfDue(): Promise<number> {
    const measure = this.source.measure.name;
    const backlog = await this.source.waiting(this.dataSource.manager);
    this.metrics.backlog.set({ measure }, backlog);
    if (backlog === 0) {
      this.waitingSince = undefined;
      return this.tick;
    }
    this.waitingSince ??= Date.now();
    const due = Date.now() - this.waitingSince >= this.source.pace.intervalMs;
    if (!due && backlog < this.source.pace.sendAtOnce) return this.tick;
    // Cells left over (the round's cap, or failing cells) are due at the next tick.
    if (!(await this.flush())) this.waitingSince = undefined;
    return this.tick;
  }

  /**
   * Sends the backlog, a transaction per batch of cells, at most `cellsPerRound` cells tried.
   * Returns whether cells were left: the round reached its cap, or stopped after
   * `MAX_CELL_FAILURES_IN_A_ROW` failing cells (a shared cause, not one bad cell).
   */
  private async flush(): Promise<boolean> {
    const { pace, measure } = this.source;
    const now = Date.now();
    this.forgetStale(now);
    const held = [...this.heldBack.values()].filter((h) => h.until > now).map((h) => h.place);
    const skip = new Set(held.map(placeKey));
    let tried = 0;
    let failuresInARow = 0;
    while (tried < pace.cellsPerRound && this.task.running) {
      const limit = Math.min(pace.cellsPerTransaction, pace.cellsPerRound - tried);
      let taken: { cells: number; messages: number; keys: string[] };
      try {
        taken = await this.dataSource.transaction(pace.isolation ?? 'READ COMMITTED', async (tx) => {
          const cells = await this.source.take(tx, limit, held);
          const messages = figuresMessages(
            measure.name,
            this.reporter,
            this.parent,
            cells,
            pace.cellsPerMessage,
          );
          await this.outbox.writeMany(tx, messages);
          return { cells: cells.length, messages: messages.length, keys: cells.map(placeKey) };
        });
      } catch (error) {
        // A source that hands back a held cell again would spin here: treat it as a failed round.
        if (!(error instanceof FigureCellError) || skip.has(placeKey(error.place))) throw error;
        // The transaction rolled back: the cell is still waiting and is retried after a pause.
        this.metrics.reportFailures.inc({ measure: measure.name });
        this.holdBack(error.place, now);
        held.push(error.place);
        skip.add(placeKey(error.place));
        this.logger.warn({
          msg: 'figure cell not taken; held back',
          ...error.place,
          error: String(error.cause),
        });
        tried += 1;
        failuresInARow += 1;
        if (failuresInARow >= MAX_CELL_FAILURES_IN_A_ROW) return true;
        continue;
      }
      failuresInARow = 0;
      for (const key of taken.keys) this.heldBack.delete(key);
      this.metrics.cellsReported.inc({ measure: measure.name }, taken.cells);
      this.metrics.reportMessages.inc({ measure: measure.name }, taken.messages);
      tried += taken.cells;
      if (taken.cells < limit) return false;
    }
    return true;
  }

  /** Forgets cells held back long ago and not tried since: another instance has taken them. */
  private forgetStale(now: number): void {
    for (const [key, held] of this.heldBack) {
      if (held.until < now - FORGET_HELD_AFTER_MS) this.heldBack.delete(key);
    }
  }

  private holdBack(place: CellPlace, now: number): void {
    const key = placeKey(place);
    const failures = (this.heldBack.get(key)?.failures ?? 0) + 1;
    this.heldBack.set(key, { place, failures, until: now + retryDelayMs(failures) });
  }
}
