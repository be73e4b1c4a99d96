import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type UsageResyncRequest, UsageResyncRequestSchema } from '@kaf/contracts';
import {
  FederatedHandlers,
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
} from '@kaf/federation';
import { PermanentMessageError } from '@kaf/messaging';
import { requireMonths } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { UsageSliceMarker } from './usage-slice.marker';

/**
 * The national node asks for some slices again: they are marked dirty, so the builder rebuilds
 * them and sends each with a new version, which replaces whatever the national node holds.
 * No months means every month the province holds; no cities means all of its cities.
 */
@Injectable()
export class UsageResyncRequestHandler implements OnModuleInit {
  private readonly logger = new Logger(UsageResyncRequestHandler.name);

  constructor(
    private readonly handlers: FederatedHandlers,
    private readonly marker: UsageSliceMarker,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  onModuleInit(): void {
    this.handlers.on(UsageResyncRequestSchema, 'parent', (request, _message, tx) => this.handle(request, tx));
  }

  async handle(request: UsageResyncRequest, tx: EntityManager): Promise<void> {
    const billingMonths = requireMonths(request.billingMonths, 'usage resync request', {
      refuseWith: PermanentMessageError,
      emptyMeansAll: true,
    });
    const foreign = request.cityCodes.filter((c) => this.topology.find(c)?.parent !== this.identity.code);
    if (foreign.length > 0) {
      throw new PermanentMessageError(
        `usage resync names ${foreign.join(', ')}, which are not cities of ${this.identity.code}`,
      );
    }
    const marked = await this.marker.markDirty(tx, { billingMonths, cityCodes: request.cityCodes });
    this.logger.log({ msg: 'usage slices marked for resync', requestId: request.requestId, marked });
  }
}
