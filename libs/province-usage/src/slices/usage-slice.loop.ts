import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PeriodicTask } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { SliceBuildError, UsageSliceBuilder } from './usage-slice.builder';
import { sliceKey } from '../cube/usage-cube.vocabulary';
import { UsageSliceRepository } from './usage-slice.repository';
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
  private readonly task: PeriodicTask;
  /** Slices whose build failed, held back until a retry time so they cannot block the others. */
  private readonly heldBack = new Map<string, { failures: number; until: number }>();

  constructor(
    private readonly builder: UsageSliceBuilder,
    private readonly store: UsageSliceRepository,
    private readonly dataSource: DataSource,
    private readonly metrics: UsageSlicesMetrics,
    @Inject(USAGE_SLICES_OPTIONS) private readonly options: UsageSlicesOptions,
  ) {
    metrics.watchDirtyBacklog(() => this.store.dirtyCount(this.dataSource.manager));
    this.task = new PeriodicTask({ name: 'usage slice round', everyMs: options.intervalMs }, () =>
      this.runRound(),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  /** Stops scheduling and lets the round in flight finish its transaction. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  private async runRound(): Promise<void> {
    const now = Date.now();
    const skip = [...this.heldBack].filter(([, held]) => held.until > now).map(([key]) => key);
    for (let n = 0; n < this.options.maxSlicesPerRound && this.task.running; n += 1) {
      try {
        const built = await this.builder.buildNext(skip);
        if (!built) return;
        this.heldBack.delete(sliceKey(built.cityCode, built.billingMonth));
        this.logger.debug({ msg: 'usage slice built', ...built, version: built.version.toString() });
      } catch (error) {
        // The transaction rolled back, so the slice is still dirty and will be retried.
        this.metrics.failures.inc();
        this.logger.warn({ msg: 'usage slice build failed', error: String(error) });
        if (!(error instanceof SliceBuildError)) return;
        this.holdBack(error.key);
        skip.push(error.key);
      }
    }
  }

  private holdBack(key: string): void {
    const failures = (this.heldBack.get(key)?.failures ?? 0) + 1;
    this.heldBack.set(key, { failures, until: Date.now() + retryDelayMs(failures) });
  }
}

/** Pause before building a failed slice again: 1 s, doubling, at most 5 minutes. */
export function retryDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 300_000);
}
