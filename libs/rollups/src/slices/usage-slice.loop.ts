import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UsageSliceBuilder } from './usage-slice.builder';
import { UsageSliceStore } from './usage-slice.store';
import { UsageSlicesMetrics } from './usage-slices.metrics';
import { USAGE_SLICES_OPTIONS, type UsageSlicesOptions } from './usage-slices.options';

/**
 * Runs the slice builder in rounds: each round builds the dirty slices (up to a bound), then
 * pauses. Changes that arrive during a pause collapse into one build per slice. Several instances
 * of a province split the work: a slice claimed by one is skipped by the others.
 */
@Injectable()
export class UsageSliceLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageSliceLoop.name);
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly builder: UsageSliceBuilder,
    private readonly store: UsageSliceStore,
    private readonly dataSource: DataSource,
    private readonly metrics: UsageSlicesMetrics,
    @Inject(USAGE_SLICES_OPTIONS) private readonly options: UsageSlicesOptions,
  ) {
    metrics.watchDirtyBacklog(() => this.store.dirtyCount(this.dataSource.manager));
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** Stops scheduling and lets the round in flight finish its transaction. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    for (let n = 0; n < this.options.maxSlicesPerRound && !this.stopped; n += 1) {
      try {
        const built = await this.builder.buildNext();
        if (!built) return;
        this.logger.debug({ msg: 'usage slice built', ...built, version: built.version.toString() });
      } catch (error) {
        // The transaction rolled back, so the slice is dirty again; the next round retries it.
        this.metrics.failures.inc();
        this.logger.warn({ msg: 'usage slice build failed', error: String(error) });
        return;
      }
    }
  }
}
