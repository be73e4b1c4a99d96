import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type UsageRollupSlice, UsageRollupSliceSchema } from '@kaf/contracts';
import { FederatedHandlers, TOPOLOGY, type Topology } from '@kaf/federation';
import { type InboundMessage, PermanentMessageError } from '@kaf/messaging';
import type { EntityManager } from 'typeorm';
import { NationalCubeRepository } from './national-cube.repository';
import { NationalUsageMetrics } from './national-usage.metrics';
import { sliceRefusal } from './slice-admission';

/**
 * Applies a province's slice of one city and month to the national cube, replacing the previous
 * one as a whole when its version is higher. Redeliveries and stragglers carry a version not
 * above the stored one and change nothing.
 */
@Injectable()
export class UsageRollupSliceHandler implements OnModuleInit {
  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly store: NationalCubeRepository,
    private readonly metrics: NationalUsageMetrics,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(UsageRollupSliceSchema, 'child', (slice, message, tx) =>
      this.handle(slice, message, tx),
    );
  }

  async handle(slice: UsageRollupSlice, message: InboundMessage, tx: EntityManager): Promise<void> {
    const refusal = sliceRefusal(slice, message.source, this.topology.find(slice.cityCode));
    if (refusal) {
      this.metrics.slices.inc({ outcome: 'refused' });
      throw new PermanentMessageError(refusal);
    }
    if (!(await this.store.acceptVersion(tx, slice))) {
      this.metrics.slices.inc({ outcome: 'stale' });
      return;
    }
    await this.store.replaceCells(tx, slice);
    this.metrics.slices.inc({ outcome: 'applied' });
  }
}
